package org.sitewatch.checker.probe;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.ws.rs.client.Client;
import jakarta.ws.rs.client.ClientBuilder;
import jakarta.ws.rs.core.Response;
import java.lang.reflect.Method;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Lends each probe a JAX-RS client of its own for as long as it runs. Closing a client is the only
 * portable way to abort its connection: closing a response instead makes the engine drain the rest
 * of the body (endless, from a hostile site), and a blocked read (a site trickling a byte a second)
 * cannot be interrupted. So a probe that ends with its response not read to the end (its deadline
 * passed, or a body too big to read) closes its client, and nothing it opened outlives it.
 *
 * <p>A probe that read its response to the end gives the client back for the next probe: building a
 * client costs more CPU than a probe of a nearby site. Probes ask for {@code Connection: close}, so
 * a client waiting in the pool holds no connection.
 *
 * <p>The Jakarta REST implementation's connector can be chosen by configuration
 * (SITEWATCH_PROBE_CONNECTOR), for an implementation that takes one by name: Jersey's default, the
 * JDK's HttpURLConnection, can neither be told not to retry nor be closed in the middle of a read,
 * so the Payara flavour names one that can.
 */
@ApplicationScoped
public class ProbeClients {

  private static final Logger LOG = Logger.getLogger(ProbeClients.class.getName());

  /**
   * What to do about the HTTP client engine's own retries (SITEWATCH_PROBE_ENGINE_RETRIES): {@value
   * #RETRIES_OFF}, the default, turns them off, or trusts the connector named by {@value
   * #CONNECTOR} to make none, and refuses to start otherwise; {@value #RETRIES_ENGINE_DEFAULT}
   * leaves the engine as it is, whose own retries then go uncounted.
   */
  static final String ENGINE_RETRIES = "sitewatch.probe.engine-retries";

  /**
   * The client's connector, by class name (SITEWATCH_PROBE_CONNECTOR), for Jersey; unset, the
   * implementation's own. RESTEasy ignores the property.
   */
  static final String CONNECTOR = "sitewatch.probe.connector";

  static final String RETRIES_OFF = "off";
  static final String RETRIES_ENGINE_DEFAULT = "engine-default";

  /** Idle clients kept per timeout; more are only needed while many probes run at once. */
  private static final int MAX_IDLE = 64;

  private final CertificateExpiry certificates;
  private final ProbeThreads threads;
  private final Optional<Method> disableEngineRetries;
  private final Optional<String> connector;
  private final Map<Duration, BlockingQueue<Pooled>> idle = new ConcurrentHashMap<>();

  @Inject
  public ProbeClients(
      CertificateExpiry certificates,
      ProbeThreads threads,
      @ConfigProperty(name = ENGINE_RETRIES, defaultValue = RETRIES_OFF) String engineRetries,
      @ConfigProperty(name = CONNECTOR) Optional<String> connector) {
    this.certificates = certificates;
    this.threads = threads;
    this.connector = connector;
    this.disableEngineRetries =
        engineRetries(engineRetries, ClientBuilder.newBuilder().getClass(), connector);
  }

  /** For CDI's proxy. */
  protected ProbeClients() {
    this.certificates = null;
    this.threads = null;
    this.connector = Optional.empty();
    this.disableEngineRetries = Optional.empty();
  }

  /**
   * Makes CDI create this bean when the application starts, so that an engine without the retries
   * switch stops the deployment instead of its first probe.
   */
  void createAtStartup(@Observes @Initialized(ApplicationScoped.class) Object started) {}

  /** A client for one probe, until it calls {@link Lease#end}. */
  Lease lend(Duration timeout) {
    BlockingQueue<Pooled> pool =
        idle.computeIfAbsent(timeout, t -> new ArrayBlockingQueue<>(MAX_IDLE));
    Pooled pooled = pool.poll();
    if (pooled == null) {
      pooled = open(timeout);
    }
    pooled.tls().clear();
    return new Lease(pool, pooled);
  }

  private Pooled open(Duration timeout) {
    TlsConnections tls = new TlsConnections();
    ClientBuilder builder =
        ClientBuilder.newBuilder()
            // Trusts what the JVM trusts, recording each certificate's expiry and explaining a
            // refusal, and notes each connection for the certificate it served.
            .sslContext(tls.recording(certificates.sslContext()))
            .connectTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS)
            .readTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS)
            .executorService(threads.requests())
            // Redirects are followed by Prober itself, so it can count hops and name a loop.
            .property("jersey.config.client.followRedirects", false)
            .property("dev.resteasy.client.follow.redirects", false)
            // A request body goes with its Content-Length, as RESTEasy sends it; Jersey's Apache
            // connector would chunk it.
            .property("jersey.config.client.request.entity.processing", "BUFFERED");
    connector.ifPresent(name -> builder.property("jersey.config.client.connector.provider", name));
    if (disableEngineRetries.isPresent()) {
      try {
        disableEngineRetries.get().invoke(builder);
      } catch (ReflectiveOperationException e) {
        throw new IllegalStateException("cannot turn off the HTTP client's own retries", e);
      }
    }
    return new Pooled(builder.build(), tls);
  }

  /** A client and the TLS connections it opened. */
  private record Pooled(Client client, TlsConnections tls) {}

  /**
   * The switch to call on every builder, or none when the engine's retries are left as they are or
   * the configured connector makes none.
   */
  static Optional<Method> engineRetries(
      String setting, Class<?> builderType, Optional<String> connector) {
    if (RETRIES_OFF.equals(setting)) {
      // A connector chosen by configuration is chosen to make no retries; RESTEasy ignores it.
      return connector.isPresent()
          ? findEngineRetriesSwitch(builderType)
          : Optional.of(engineRetriesSwitch(builderType));
    }
    if (RETRIES_ENGINE_DEFAULT.equals(setting)) {
      LOG.log(
          Level.WARNING,
          "{0}={1}: the HTTP client {2} may repeat a failed request on its own, unseen; such an"
              + " attempt is not counted",
          new Object[] {ENGINE_RETRIES, setting, builderType.getName()});
      return Optional.empty();
    }
    throw new IllegalStateException(
        ENGINE_RETRIES
            + "="
            + setting
            + ": choose "
            + RETRIES_OFF
            + " (the default) or "
            + RETRIES_ENGINE_DEFAULT);
  }

  /**
   * RESTEasy's Apache HttpClient engine (Liberty's) makes a request again, up to three times and
   * unseen, when it fails on I/O: a site that drops connections would look UP, its attempts
   * uncounted. RESTEasy's builder can turn that off; it is not Jakarta REST API, so it is found by
   * name. Without it probes would under-report failures, so its absence is fatal.
   */
  static Method engineRetriesSwitch(Class<?> builderType) {
    return findEngineRetriesSwitch(builderType)
        .orElseThrow(
            () ->
                new IllegalStateException(
                    "The HTTP client builder "
                        + builderType.getName()
                        + " has no disableAutomaticRetries(): Sitewatch cannot turn off the"
                        + " engine's own retries, which would hide failed attempts. Run the checker"
                        + " on Open Liberty's restfulWSClient (RESTEasy), name a connector that"
                        + " makes none in "
                        + CONNECTOR
                        + " (the Payara flavour does), or set "
                        + ENGINE_RETRIES
                        + "="
                        + RETRIES_ENGINE_DEFAULT
                        + " to accept them."));
  }

  private static Optional<Method> findEngineRetriesSwitch(Class<?> builderType) {
    try {
      return Optional.of(builderType.getMethod("disableAutomaticRetries"));
    } catch (NoSuchMethodException e) {
      return Optional.empty();
    }
  }

  /** Makes the TLS engine ready, so that a site's first HTTPS probe does not pay for that. */
  void warmUp() {
    certificates.sslContext().createSSLEngine().getSupportedCipherSuites();
  }

  @PreDestroy
  void closeIdle() {
    idle.values().forEach(queue -> queue.forEach(pooled -> pooled.client().close()));
    idle.clear();
  }

  /** One probe's use of a client. */
  final class Lease {

    /** The idle clients of the probe's timeout, where this one goes back. */
    private final BlockingQueue<Pooled> pool;

    private final Pooled pooled;
    private volatile Response received;
    private volatile Response readToTheEnd;

    private Lease(BlockingQueue<Pooled> pool, Pooled pooled) {
      this.pool = pool;
      this.pooled = pooled;
    }

    Client client() {
      return pooled.client();
    }

    /** The TLS connections this probe opened. */
    TlsConnections tls() {
      return pooled.tls();
    }

    /** The response of the probe's latest hop, closed with the client if the probe ends early. */
    void received(Response response) {
      received = response;
    }

    /** The probe read the whole body of its final response: closing it will not block. */
    void readToTheEnd(Response response) {
      readToTheEnd = response;
    }

    /**
     * Ends the probe's use: the client goes back to the pool when the final response was read to
     * its end and the probe ended in time, and is closed, aborting its connection, otherwise.
     *
     * <p>Closing the client aborts its connections on RESTEasy and on the Apache connector the
     * Payara flavour names, but not on Jersey's default connector (the JDK's HttpURLConnection),
     * which keeps a connection until its response is closed (which there cuts the body off rather
     * than reading it) and a TLS handshake until its socket is. So the response and the TLS sockets
     * are closed too, after the client: on the others they are then closed already.
     */
    void end(boolean inTime) {
      Response response = readToTheEnd;
      if (inTime && response != null) {
        response.close();
        if (pool.offer(pooled)) {
          return;
        }
      }
      pooled.client().close();
      Response unread = received;
      if (unread != null) {
        try {
          unread.close();
        } catch (RuntimeException alreadyAborted) {
          // closing the client broke its connection off: nothing left to close
        }
      }
      pooled.tls().close();
    }
  }
}
