package org.sitewatch.support.kafka;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.common.KafkaException;
import org.eclipse.microprofile.config.Config;
import org.sitewatch.support.tls.TlsFailures;

/**
 * Answers "can we reach the Kafka cluster now?" for readiness checks. Both servers need the same
 * answer, so it lives in the jar both share. The answer is cached briefly: health endpoints are
 * polled often and must stay cheap.
 *
 * <p>A TLS failure is explained in terms of the setting to fix ({@link TlsFailures}), and every
 * change of the answer is logged once, so the reason readiness is DOWN is also in the server's log.
 */
public final class KafkaReachability implements AutoCloseable {

  private static final Logger LOG = Logger.getLogger(KafkaReachability.class.getName());

  /** The last answer, with the broker count or the reason it failed. */
  public record Status(boolean reachable, int brokers, String error, Instant checkedAt) {}

  private final Supplier<Admin> adminFactory;
  private final KafkaTls tls;
  private final Duration timeout;
  private final Duration cacheFor;
  private final Clock clock;
  private Admin admin;
  private Status last;
  private String lastLogged;

  /**
   * With the connector's own client settings ({@link ConnectorClientConfig}) and the Kafka TLS
   * settings ({@link KafkaTls}), so that the answer holds for the server's channels too.
   */
  public static KafkaReachability forConnector(
      Config config, String clientId, Duration timeout, Duration cacheFor) {
    Map<String, Object> client = withTimeouts(ConnectorClientConfig.of(config, clientId), timeout);
    // Kafka loads its classes through the thread's context class loader, and a server may ask on a
    // thread of its own (Payara runs health checks so): the application's loader, taken now.
    ClassLoader application = Thread.currentThread().getContextClassLoader();
    return new KafkaReachability(
        () -> createWith(application, client),
        KafkaTls.fromEnvironment(),
        timeout,
        cacheFor,
        Clock.systemUTC());
  }

  KafkaReachability(
      Supplier<Admin> adminFactory,
      KafkaTls tls,
      Duration timeout,
      Duration cacheFor,
      Clock clock) {
    this.adminFactory = adminFactory;
    this.tls = tls;
    this.timeout = timeout;
    this.cacheFor = cacheFor;
    this.clock = clock;
  }

  private static Admin createWith(ClassLoader loader, Map<String, Object> client) {
    Thread thread = Thread.currentThread();
    ClassLoader previous = thread.getContextClassLoader();
    thread.setContextClassLoader(loader);
    try {
      return Admin.create(client);
    } finally {
      thread.setContextClassLoader(previous);
    }
  }

  private static Map<String, Object> withTimeouts(Map<String, Object> config, Duration timeout) {
    var copy = new HashMap<>(config);
    int millis = (int) timeout.toMillis();
    copy.putIfAbsent(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, millis);
    copy.putIfAbsent(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, millis);
    // Fail fast and retry on the next check rather than inside one.
    copy.putIfAbsent(AdminClientConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 1000);
    return copy;
  }

  public synchronized Status check() {
    Instant now = clock.instant();
    if (last != null && last.checkedAt().plus(cacheFor).isAfter(now)) {
      return last;
    }
    last = ask(now);
    report(last);
    return last;
  }

  private Status ask(Instant now) {
    if (tls.problem().isPresent()) {
      return new Status(false, 0, tls.problem().get(), now);
    }
    try {
      if (admin == null) {
        // Created on first use: it fails for bootstrap servers that do not resolve (yet).
        admin = adminFactory.get();
      }
      int brokers =
          admin
              .describeCluster(new DescribeClusterOptions().timeoutMs((int) timeout.toMillis()))
              .nodes()
              .get(timeout.toMillis(), TimeUnit.MILLISECONDS)
              .size();
      return new Status(brokers > 0, brokers, brokers > 0 ? null : "no brokers", now);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new Status(false, 0, "interrupted", now);
    } catch (KafkaException e) {
      return new Status(false, 0, describe(e), now);
    } catch (Exception e) {
      Throwable cause = e.getCause() != null ? e.getCause() : e;
      return new Status(false, 0, describe(cause), now);
    }
  }

  private String describe(Throwable failure) {
    if (failure instanceof java.util.concurrent.TimeoutException
        || failure instanceof org.apache.kafka.common.errors.TimeoutException) {
      return "no broker answered within " + timeout.toMillis() + " ms";
    }
    return TlsFailures.explain(failure, tls.failureSettings())
        .orElse(failure.getClass().getSimpleName() + ": " + failure.getMessage());
  }

  /** Logs each new reason for DOWN once, and the return to UP. */
  private void report(Status status) {
    if (Objects.equals(status.error(), lastLogged)) {
      return;
    }
    if (status.error() != null) {
      LOG.log(Level.WARNING, "Kafka is not reachable: {0}", status.error());
    } else if (lastLogged != null) {
      LOG.log(Level.INFO, "Kafka is reachable again ({0} brokers)", status.brokers());
    }
    lastLogged = status.error();
  }

  @Override
  public synchronized void close() {
    if (admin != null) {
      admin.close(Duration.ofSeconds(2));
    }
  }
}
