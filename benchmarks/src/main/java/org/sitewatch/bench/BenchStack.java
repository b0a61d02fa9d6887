package org.sitewatch.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.sitewatch.infra.InfraInfo;
import org.sitewatch.teststack.ControlClient;

/** The TestStack that bench/run started: its info file, control endpoint and persister port. */
final class BenchStack implements AutoCloseable {

  static final String TOPIC = "sitewatch.check-results";
  static final String GROUP = "sitewatch-persister";

  private final InfraInfo info;
  private final int controlPort;
  private final int persisterHttpPort;
  private final int checkerHttpPort;
  private final Path workDir;
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
  private final Admin admin;

  /**
   * @param workDir bench/run's directory: the sites file the checker follows and the servers' user
   *     directory are in it
   */
  BenchStack(
      Path infoFile, int controlPort, int persisterHttpPort, int checkerHttpPort, Path workDir)
      throws IOException {
    this.info = InfraInfo.read(infoFile);
    this.controlPort = controlPort;
    this.persisterHttpPort = persisterHttpPort;
    this.checkerHttpPort = checkerHttpPort;
    this.workDir = workDir;
    this.admin =
        Admin.create(
            Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, info.kafkaBootstrapServers()));
  }

  /** {@code POST /<path>} on TestStack's control endpoint, e.g. {@code servers/checker/stop}. */
  void control(String path) {
    ControlClient.post(controlPort, path);
  }

  /** A URL of the persister's HTTP API, e.g. {@code /api/sites}. */
  URI persister(String path) {
    return URI.create("http://localhost:" + persisterHttpPort + path);
  }

  void awaitPersisterReady(Duration timeout) throws InterruptedException {
    awaitOk(persister("/health/ready"), timeout);
  }

  /** Polls {@code uri} until it answers 200; fails after {@code timeout}. */
  void awaitOk(URI uri, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() - deadline < 0) {
      try {
        if (http.send(
                    HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(5)).GET().build(),
                    HttpResponse.BodyHandlers.discarding())
                .statusCode()
            == 200) {
          return;
        }
      } catch (IOException e) {
        // Not listening yet.
      }
      Thread.sleep(250);
    }
    throw new IllegalStateException(uri + " did not answer 200 within " + timeout);
  }

  private static final Pattern OWNED = Pattern.compile("\"ownedSites\":(-?\\d+)");

  /** The sites a checker owns, as its readiness check says; -1 while it does not say. */
  int ownedSites(URI readiness) throws InterruptedException {
    try {
      Matcher m =
          OWNED.matcher(
              http.send(
                      HttpRequest.newBuilder(readiness)
                          .timeout(Duration.ofSeconds(5))
                          .GET()
                          .build(),
                      HttpResponse.BodyHandlers.ofString())
                  .body());
      return m.find() ? Integer.parseInt(m.group(1)) : -1;
    } catch (IOException e) {
      return -1;
    }
  }

  /** The sites file the checker follows (it applies a change within its reload interval). */
  Path sitesFile() {
    return workDir.resolve("sites.yaml");
  }

  CheckerProcess checker() throws IOException {
    return checker("sitewatch-checker");
  }

  /** The JVM of a checker server of this stack, such as {@code sitewatch-checker-2}. */
  CheckerProcess checker(String server) throws IOException {
    return CheckerProcess.ofServer(workDir.resolve("wlp-usr"), server);
  }

  int checkerHttpPort() {
    return checkerHttpPort;
  }

  String kafkaBootstrapServers() {
    return info.kafkaBootstrapServers();
  }

  /**
   * Waits until the checker's metrics show {@code sites} scheduled, and returns the count; fails at
   * once when the checker rejects the sites file.
   */
  int awaitCheckerScheduled(int sites, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    long scheduled = -1;
    while (System.nanoTime() - deadline < 0) {
      try {
        String body = checkerGet("/health/ready");
        if (body.contains("sitesFileRejected")) {
          throw new IllegalStateException("the checker rejected the farm's sites file: " + body);
        }
        scheduled = checkerMetric("sitewatch_sites_scheduled");
        if (scheduled == sites) {
          return sites;
        }
      } catch (IOException e) {
        // Busy applying the file, or not listening yet.
      }
      Thread.sleep(500);
    }
    throw new IllegalStateException(
        "the checker had " + scheduled + " of " + sites + " sites scheduled after " + timeout);
  }

  /**
   * An untagged gauge on the checker's /metrics, such as {@code sitewatch_results_dropped}; read
   * also while it is not ready (Kafka away).
   */
  long checkerMetric(String name) throws IOException, InterruptedException {
    Matcher m =
        Pattern.compile("^" + name + "(?:\\{[^}]*\\})?\\s+(\\S+)", Pattern.MULTILINE)
            .matcher(checkerGet("/metrics"));
    if (!m.find()) {
      throw new IOException("no " + name + " on the checker's /metrics");
    }
    return (long) Double.parseDouble(m.group(1));
  }

  /** Whether the checker's liveness check answers 200. */
  boolean checkerAlive() throws InterruptedException {
    try {
      return http.send(checkerRequest("/health/live"), HttpResponse.BodyHandlers.discarding())
              .statusCode()
          == 200;
    } catch (IOException e) {
      return false;
    }
  }

  private String checkerGet(String path) throws IOException, InterruptedException {
    return http.send(checkerRequest(path), HttpResponse.BodyHandlers.ofString()).body();
  }

  private HttpRequest checkerRequest(String path) {
    return HttpRequest.newBuilder(URI.create("http://localhost:" + checkerHttpPort + path))
        .timeout(Duration.ofSeconds(10))
        .GET()
        .build();
  }

  /** As the owner role: the benchmarks create the COPY table, which the runtime role may not. */
  Connection database() throws SQLException {
    return DriverManager.getConnection(info.jdbcUrl(), info.ownerUser(), info.ownerPassword());
  }

  /**
   * Stops the checker so that only the case's own results reach the persister, waits for the
   * persister, and gives producer settings as the checker's channel has them.
   */
  Properties persisterOnly() throws Exception {
    control("servers/checker/stop");
    awaitPersisterReady(Duration.ofMinutes(3));
    Properties config = producerConfig();
    config.put(ProducerConfig.LINGER_MS_CONFIG, 20);
    return config;
  }

  /** Producer settings every case shares: the checker's delivery guarantees. */
  Properties producerConfig() {
    Properties p = new Properties();
    p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, info.kafkaBootstrapServers());
    p.put(ProducerConfig.ACKS_CONFIG, "all");
    p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
    p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
    return p;
  }

  /** Sum of the topic's end offsets: every record ever produced to it. */
  long topicEnd() throws ExecutionException, InterruptedException {
    TopicDescription topic = admin.describeTopics(List.of(TOPIC)).allTopicNames().get().get(TOPIC);
    Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
    topic
        .partitions()
        .forEach(p -> latest.put(new TopicPartition(TOPIC, p.partition()), OffsetSpec.latest()));
    return admin.listOffsets(latest).all().get().values().stream().mapToLong(o -> o.offset()).sum();
  }

  /** Sum of the persister group's committed offsets on the topic: results stored (or set aside). */
  long committed() throws ExecutionException, InterruptedException {
    Map<TopicPartition, OffsetAndMetadata> offsets =
        admin.listConsumerGroupOffsets(GROUP).partitionsToOffsetAndMetadata().get();
    return offsets.entrySet().stream()
        .filter(e -> e.getKey().topic().equals(TOPIC) && e.getValue() != null)
        .mapToLong(e -> e.getValue().offset())
        .sum();
  }

  @Override
  public void close() {
    admin.close(Duration.ofSeconds(5));
  }
}
