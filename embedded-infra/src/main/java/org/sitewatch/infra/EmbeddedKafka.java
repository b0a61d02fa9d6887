package org.sitewatch.infra;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.tools.StorageTool;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real single-node Kafka (KRaft, broker and controller in one node) running inside this JVM.
 *
 * <p>The broker listens on {@code 127.0.0.1:port} (PLAINTEXT, or SSL requiring a client certificate
 * when started with a {@link LoopbackPki}) and the controller on {@code 127.0.0.1:controllerPort}.
 * Its log directory is kept across runs unless {@code clean} is set: an already formatted directory
 * is reused as it is, so topics and committed offsets survive a restart of the quick start.
 *
 * <p>This uses Kafka's internal server classes ({@link KafkaRaftServer}, {@link StorageTool}),
 * which change between releases: the parent pom pins one Kafka version for broker and clients.
 *
 * <p>Over 300 lines: the broker's properties, its TLS listener, the formatting of its log directory
 * and the wait for its registration all use those internal classes and one broker's settings, and
 * belong next to each other when the Kafka version moves.
 */
public final class EmbeddedKafka implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(EmbeddedKafka.class);
  private static final String HOST = "127.0.0.1";
  private static final int NODE_ID = 1;
  private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);

  private final int port;
  private final int controllerPort;
  private final Path logDir;
  private final KafkaRaftServer server;
  private final LoopbackPki tls;

  private EmbeddedKafka(
      int port, int controllerPort, Path logDir, KafkaRaftServer server, LoopbackPki tls) {
    this.port = port;
    this.controllerPort = controllerPort;
    this.logDir = logDir;
    this.server = server;
    this.tls = tls;
  }

  /** A PLAINTEXT broker; see {@link #start(int, int, Path, boolean, LoopbackPki)}. */
  public static EmbeddedKafka start(int port, int controllerPort, Path logDir, boolean clean)
      throws IOException {
    return start(port, controllerPort, logDir, clean, null);
  }

  /**
   * Formats {@code logDir} if it is not formatted yet (or if {@code clean}), starts the broker and
   * returns once it has registered with its controller and accepts clients.
   *
   * @param port the PLAINTEXT listener port on 127.0.0.1
   * @param controllerPort the KRaft controller listener port on 127.0.0.1; 0 for any free port
   *     (only the broker itself talks to its controller, and a static voter set lets the port
   *     change between runs on the same data)
   * @param logDir the broker's data (log.dirs and the metadata log); created if missing
   * @param clean delete {@code logDir} first
   * @param tls null for a PLAINTEXT listener; else an SSL listener with this PKI's server
   *     certificate that requires a client certificate signed by its CA
   */
  public static EmbeddedKafka start(
      int port, int controllerPort, Path logDir, boolean clean, LoopbackPki tls)
      throws IOException {
    Objects.requireNonNull(logDir, "logDir");
    if (port == controllerPort) {
      throw new IllegalArgumentException("Kafka broker and controller need different ports");
    }
    Ports.requireFree(port, "Kafka");
    int controller = controllerPort == 0 ? Ports.anyFree(port) : controllerPort;
    if (controllerPort != 0) {
      Ports.requireFree(controller, "the Kafka controller");
    }
    long started = System.nanoTime();
    if (clean) {
      Directories.deleteRecursively(logDir);
    }
    Files.createDirectories(logDir);

    Properties props = brokerProperties(port, controller, logDir);
    formatIfNeeded(props, logDir);
    if (tls != null) {
      props.putAll(sslListener(port, controller, tls));
    }

    KafkaRaftServer server = new KafkaRaftServer(KafkaConfig.fromProps(props, false), Time.SYSTEM);
    EmbeddedKafka kafka = new EmbeddedKafka(port, controller, logDir, server, tls);
    try {
      server.startup();
      kafka.awaitBrokerRegistered();
    } catch (RuntimeException | IOException e) {
      kafka.close();
      throw e;
    }
    LOG.info(
        "Kafka ready on {}{} (controller {}:{}, data {}) in {} ms",
        kafka.bootstrapServers(),
        tls == null ? "" : " (SSL, client certificates required)",
        HOST,
        controller,
        logDir,
        TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
    return kafka;
  }

  /** What clients put in {@code bootstrap.servers}: {@code 127.0.0.1:port}. */
  public String bootstrapServers() {
    return HOST + ":" + port;
  }

  public int port() {
    return port;
  }

  public int controllerPort() {
    return controllerPort;
  }

  public Path logDir() {
    return logDir;
  }

  /** Controlled shutdown; returns when the broker and controller threads have stopped. */
  @Override
  public void close() {
    long started = System.nanoTime();
    try {
      server.shutdown();
      server.awaitShutdown();
      LOG.info(
          "Kafka stopped in {} ms", TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
    } catch (RuntimeException e) {
      LOG.error("Kafka did not shut down cleanly", e);
    }
  }

  /**
   * The broker configuration. Everything a single node needs differs from Kafka's defaults, which
   * assume three brokers; each deviation is explained.
   */
  static Properties brokerProperties(int port, int controllerPort, Path logDir) {
    Properties p = new Properties();
    // One node that is both broker and its own (static, single-voter) controller quorum. A static
    // voter set keeps the controller's address out of the formatted metadata, so the controller
    // port may differ from one run to the next on the same data.
    p.put("process.roles", "broker,controller");
    p.put("node.id", Integer.toString(NODE_ID));
    p.put("controller.quorum.voters", NODE_ID + "@" + HOST + ":" + controllerPort);
    p.put("controller.listener.names", "CONTROLLER");
    p.put(
        "listeners",
        "PLAINTEXT://" + HOST + ":" + port + ",CONTROLLER://" + HOST + ":" + controllerPort);
    p.put("advertised.listeners", "PLAINTEXT://" + HOST + ":" + port);
    p.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
    p.put("inter.broker.listener.name", "PLAINTEXT");
    p.put("log.dirs", logDir.toAbsolutePath().toString());

    // Replication: there is one broker, so every internal topic has one replica and an in-sync
    // replica set of one (the defaults of 3 and 2 would leave them uncreatable).
    p.put("offsets.topic.replication.factor", "1");
    p.put("transaction.state.log.replication.factor", "1");
    p.put("transaction.state.log.min.isr", "1");
    p.put("share.coordinator.state.topic.replication.factor", "1");
    p.put("share.coordinator.state.topic.min.isr", "1");
    p.put("default.replication.factor", "1");
    p.put("min.insync.replicas", "1");
    // Fewer partitions for the internal topics (default 50): they are created when the first
    // consumer group (or transaction) appears, and 50 logs make that first join take seconds.
    // Fixed here, so a reused data directory always sees the same value.
    p.put("offsets.topic.num.partitions", "6");
    p.put("transaction.state.log.num.partitions", "6");
    // After a run that was killed outright, the controller keeps the dead broker's registration
    // until its session times out, and only then lets the new one in: 9 s by default. 4 s here;
    // heartbeats stay well inside it (both ends are in this JVM).
    p.put("broker.session.timeout.ms", "4000");
    p.put("broker.heartbeat.interval.ms", "1000");
    // The persister's consumer group should start consuming at once, not after 3 s.
    p.put("group.initial.rebalance.delay.ms", "0");

    // Application topics: no auto-creation, as on a production broker. The persister creates
    // sitewatch.check-results and its dead-letter topic with the partition count Sitewatch is
    // configured with; a broker that created them on first use would hide a persister that does
    // not, and would pick the partition count itself.
    p.put("auto.create.topics.enable", "false");

    // Modest footprint: fewer threads than the multi-core-server defaults, and a 16 MiB instead of
    // 128 MiB heap buffer for the log cleaner (it only compacts __consumer_offsets here).
    p.put("num.network.threads", "2");
    p.put("num.io.threads", "4");
    p.put("background.threads", "4");
    p.put("log.cleaner.dedupe.buffer.size", Integer.toString(16 * 1024 * 1024));
    return p;
  }

  /**
   * The broker's one listener as SSL instead of PLAINTEXT, for clients and for the broker itself
   * (it presents its server certificate, which is also fit for client use). PEM values inline, as
   * Kafka reads them; they are of Kafka's password type, which its config logging hides.
   */
  static Properties sslListener(int port, int controllerPort, LoopbackPki tls) throws IOException {
    Properties p = new Properties();
    p.put(
        "listeners", "SSL://" + HOST + ":" + port + ",CONTROLLER://" + HOST + ":" + controllerPort);
    p.put("advertised.listeners", "SSL://" + HOST + ":" + port);
    p.put("listener.security.protocol.map", "SSL:SSL,CONTROLLER:PLAINTEXT");
    p.put("inter.broker.listener.name", "SSL");
    p.put("ssl.client.auth", "required");
    p.put("ssl.keystore.type", "PEM");
    p.put("ssl.keystore.certificate.chain", Files.readString(tls.serverCert()));
    p.put("ssl.keystore.key", Files.readString(tls.serverKey()));
    p.put("ssl.truststore.type", "PEM");
    p.put("ssl.truststore.certificates", Files.readString(tls.caCert()));
    return p;
  }

  /**
   * Formats the storage directory the way {@code kafka-storage.sh format} does, unless it already
   * holds a formatted node ({@code meta.properties}), which is then reused with its cluster id.
   * {@link StorageTool#main} would exit the JVM, so {@link StorageTool#execute} is called instead.
   */
  private static void formatIfNeeded(Properties props, Path logDir) throws IOException {
    if (Files.exists(logDir.resolve("meta.properties"))) {
      LOG.info("Reusing formatted Kafka storage in {}", logDir);
      return;
    }
    Path configFile = logDir.resolveSibling(logDir.getFileName() + "-format.properties");
    try (Writer w = Files.newBufferedWriter(configFile, StandardCharsets.UTF_8)) {
      props.store(w, "Written by EmbeddedKafka for kafka-storage format");
    }
    String clusterId = Uuid.randomUuid().toString();
    ByteArrayOutputStream output = new ByteArrayOutputStream();
    int rc;
    try (PrintStream out = new PrintStream(output, true, StandardCharsets.UTF_8)) {
      rc =
          StorageTool.execute(
              new String[] {
                "format",
                "--config",
                configFile.toString(),
                "--cluster-id",
                clusterId,
                "--ignore-formatted"
              },
              out);
    } catch (RuntimeException e) {
      throw new IOException(
          "Formatting Kafka storage in " + logDir + " failed: " + e.getMessage() + " " + output, e);
    } finally {
      Files.deleteIfExists(configFile);
    }
    if (rc != 0) {
      throw new IOException(
          "Formatting Kafka storage in " + logDir + " failed (exit " + rc + "): " + output);
    }
    LOG.info("Formatted Kafka storage in {} (cluster id {})", logDir, clusterId);
  }

  /**
   * {@code startup()} returns before the broker is unfenced; until then topic creation fails for
   * want of a live broker. An admin client sees the node in {@code describeCluster} only once the
   * controller has unfenced it.
   */
  private void awaitBrokerRegistered() throws IOException {
    long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
    Map<String, Object> config = new java.util.HashMap<>();
    config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
    config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000);
    config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 5_000);
    if (tls != null) {
      config.putAll(tls.kafkaClientProperties());
    }
    try (Admin admin = Admin.create(config)) {
      while (true) {
        try {
          int nodes =
              admin
                  .describeCluster(new DescribeClusterOptions().timeoutMs(5_000))
                  .nodes()
                  .get(5, TimeUnit.SECONDS)
                  .size();
          if (nodes > 0) {
            return;
          }
        } catch (ExecutionException | TimeoutException e) {
          LOG.debug("Kafka not ready yet: {}", e.toString());
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IOException("Interrupted while waiting for Kafka", e);
        }
        if (System.nanoTime() > deadline) {
          throw new IOException(
              "Kafka on " + bootstrapServers() + " did not become ready within " + READY_TIMEOUT);
        }
        Polling.pause(Duration.ofMillis(100));
      }
    }
  }
}
