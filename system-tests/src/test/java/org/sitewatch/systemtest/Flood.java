package org.sitewatch.systemtest;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.sitewatch.common.CheckResult;
import org.sitewatch.common.Outcome;
import org.sitewatch.common.Reason;
import org.sitewatch.common.ResultIds;
import org.sitewatch.common.serde.CheckResultCodec;

/**
 * Many valid results put straight onto the results topic, faster than checkers would, so that a
 * fault test has a large backlog in flight; and the checks of what became of them.
 */
final class Flood {

  static final int SIZE = 100_000;
  static final int SITES = 60;
  static final int RUN = 5;

  final String sitePrefix;
  final int size;
  final Set<UUID> ids = new HashSet<>();

  private Flood(String sitePrefix, int size) {
    this.sitePrefix = sitePrefix;
    this.size = size;
  }

  /** Sends {@link #SIZE} results and returns once the broker acknowledged every one. */
  static Flood send(String name) {
    return send(name, SIZE);
  }

  /** Sends {@code size} results and returns once the broker acknowledged every one. */
  static Flood send(String name, int size) {
    Flood flood = new Flood(name + "-" + System.nanoTime() + "-", size);
    Properties props = new Properties();
    props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, Stack.kafkaBootstrap());
    props.put(ProducerConfig.ACKS_CONFIG, "all");
    props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    props.put(ProducerConfig.LINGER_MS_CONFIG, 20);
    props.put(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
    AtomicReference<Exception> failed = new AtomicReference<>();
    try (KafkaProducer<String, byte[]> producer =
        new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer())) {
      for (int i = 0; i < size; i++) {
        String siteId = flood.sitePrefix + (i % SITES);
        CheckResult result =
            new CheckResult(
                ResultIds.next(),
                siteId,
                "https://" + siteId + ".example/",
                Instant.now(),
                Duration.ofMillis(i % 900),
                isDown(i / SITES) ? 503 : 200,
                null,
                isDown(i / SITES) ? Outcome.down(Reason.HTTP_STATUS, "HTTP 503") : Outcome.up());
        flood.ids.add(result.id());
        producer.send(
            new ProducerRecord<>(Topics.RESULTS, siteId, CheckResultCodec.encode(result)),
            (metadata, failure) -> {
              if (failure != null) {
                failed.compareAndSet(null, failure);
              }
            });
      }
      producer.flush();
    }
    if (failed.get() != null) {
      throw new IllegalStateException("a flood record was not acknowledged", failed.get());
    }
    assertEquals(size, flood.ids.size(), "every flood result has its own id");
    return flood;
  }

  /**
   * Whether a site's {@code k}-th result is DOWN: runs of {@link #RUN} UP then {@link #RUN} DOWN,
   * so that with the default thresholds (3 DOWN, 2 UP) every DOWN run is one incident, opened and
   * resolved, and a fault in mid-flood has transitions to lose or repeat.
   */
  static boolean isDown(int k) {
    return (k / RUN) % 2 == 1;
  }

  /** The incidents a site of {@code results} results must have: its DOWN runs long enough. */
  static int incidentsOf(int results) {
    int incidents = 0;
    for (int start = RUN; start < results; start += 2 * RUN) {
      if (Math.min(RUN, results - start) >= 3) {
        incidents++;
      }
    }
    return incidents;
  }

  /** Whether a site of {@code results} results ends in an open incident: too few UP after it. */
  static boolean endsOpen(int results) {
    int lastDownRun = ((results - RUN) / (2 * RUN)) * 2 * RUN + RUN;
    if (results <= RUN || Math.min(RUN, results - lastDownRun) < 3) {
      return false;
    }
    return results - (lastDownRun + RUN) < 2;
  }

  /** Rows of this flood in check_result, duplicates counted. */
  long storedRows() throws SQLException {
    try (Connection db = Stack.database();
        PreparedStatement query =
            db.prepareStatement("select count(*) from check_result where site_id like ?")) {
      query.setString(1, sitePrefix + "%");
      try (ResultSet rs = query.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    }
  }

  /** Waits until at least {@code rows} of this flood are stored: the persister is mid-stream. */
  void awaitStored(long rows, Duration atMost) {
    await("at least " + rows + " rows of " + sitePrefix + "* stored")
        .atMost(atMost)
        .pollInterval(Duration.ofMillis(200))
        .until(() -> storedRows() >= rows);
  }

  /**
   * Waits for every result to be stored, then asserts the stored id set is exactly the sent one, no
   * id is stored twice, the rollups count each exactly once, and each DOWN run is one incident.
   */
  void assertStoredExactlyOnce(Duration atMost) throws SQLException {
    await("all " + size + " results of " + sitePrefix + "* stored")
        .atMost(atMost)
        .pollInterval(Duration.ofMillis(500))
        .until(() -> storedRows() >= size);
    Set<UUID> stored = new HashSet<>();
    long rows = 0;
    try (Connection db = Stack.database();
        PreparedStatement query =
            db.prepareStatement("select id from check_result where site_id like ?")) {
      query.setString(1, sitePrefix + "%");
      query.setFetchSize(10_000);
      db.setAutoCommit(false);
      try (ResultSet rs = query.executeQuery()) {
        while (rs.next()) {
          stored.add(rs.getObject(1, UUID.class));
          rows++;
        }
      }
    }
    assertEquals(size, rows, "one row per result sent, no duplicates");
    assertEquals(ids, stored, "the stored ids are exactly the ids sent");
    assertEquals(List.of(), StoredResults.duplicateIds(), "no result id may be stored twice");
    StoredRollups.assertMatchStoredResults(sitePrefix);
    StoredIncidents.assertDecidedOnce(this);
  }
}
