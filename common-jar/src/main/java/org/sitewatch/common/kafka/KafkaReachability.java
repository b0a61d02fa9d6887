package org.sitewatch.common.kafka;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;

/**
 * Answers "can we reach the Kafka cluster now?" for readiness checks. Both servers need the same
 * answer, so it lives beside the contract. The answer is cached briefly: health endpoints are
 * polled often and must stay cheap.
 */
public final class KafkaReachability implements AutoCloseable {

  /** The last answer, with the broker count or the reason it failed. */
  public record Status(boolean reachable, int brokers, String error, Instant checkedAt) {}

  private final Admin admin;
  private final Duration timeout;
  private final Duration cacheFor;
  private final Clock clock;
  private Status last;

  public KafkaReachability(Map<String, Object> clientConfig, Duration timeout, Duration cacheFor) {
    this(Admin.create(withTimeouts(clientConfig, timeout)), timeout, cacheFor, Clock.systemUTC());
  }

  KafkaReachability(Admin admin, Duration timeout, Duration cacheFor, Clock clock) {
    this.admin = admin;
    this.timeout = timeout;
    this.cacheFor = cacheFor;
    this.clock = clock;
  }

  private static Map<String, Object> withTimeouts(Map<String, Object> config, Duration timeout) {
    var copy = new java.util.HashMap<>(config);
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
    try {
      int brokers =
          admin
              .describeCluster(new DescribeClusterOptions().timeoutMs((int) timeout.toMillis()))
              .nodes()
              .get(timeout.toMillis(), TimeUnit.MILLISECONDS)
              .size();
      last = new Status(brokers > 0, brokers, brokers > 0 ? null : "no brokers", now);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      last = new Status(false, 0, "interrupted", now);
    } catch (Exception e) {
      Throwable cause = e.getCause() != null ? e.getCause() : e;
      String error =
          cause instanceof java.util.concurrent.TimeoutException
                  || cause instanceof org.apache.kafka.common.errors.TimeoutException
              ? "no broker answered within " + timeout.toMillis() + " ms"
              : cause.getClass().getSimpleName() + ": " + cause.getMessage();
      last = new Status(false, 0, error, now);
    }
    return last;
  }

  @Override
  public void close() {
    admin.close(Duration.ofSeconds(2));
  }
}
