package org.sitewatch.systemtest;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.RecordsToDelete;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

/**
 * The persister's incoming stream ended by the connector: a record whose batch fails its CRC check
 * makes the consumer's poll throw, and liberty-kafka ends the stream for good (SRMSG00201) while
 * results wait behind that record. Liveness goes DOWN with the reason within 30 s; once the record
 * is removed and the server restarted (what the platform does on DOWN liveness), every result is
 * stored, none twice; the removed record is counted as deleted before it was stored, and the
 * group's offsets move past it again.
 */
class IncomingStreamIT {

  private static final TopicPartition DAMAGED = new TopicPartition(Topics.RESULTS, 0);
  private static final Path PERSISTER_LOG =
      Path.of(System.getProperty("st.wlp"), "usr/servers/sitewatch-persister/logs/messages.log");

  @Test
  void aStreamTheConnectorEndedMakesLivenessDown() throws Exception {
    URI live = Stack.persister("/health/live");
    // What is on the partition before the damaged record must be stored: removing it drops those.
    Topics.awaitPersisterCaughtUp(Duration.ofSeconds(60));
    Stack.control("/servers/persister/stop");
    long damaged = -1;
    long removed = 0;
    boolean kafkaStopped = false;
    Flood flood;
    try {
      String marker = "deadstream-damaged-" + System.nanoTime();
      damaged = send(marker);
      flood = Flood.send("deadstream", 3_000);
      Stack.control("/kafka/stop");
      kafkaStopped = true;
      damage(marker);
      Stack.control("/kafka/start");
      kafkaStopped = false;
      Stack.control("/servers/persister/start");

      // The connector's report of the failed poll that ends the stream.
      awaitLogLine("SRMSG00201", Duration.ofSeconds(120));
      Stack.awaitStatus(live, 503, Duration.ofSeconds(30));
      String health = Stack.get(live).body();
      assertTrue(
          health.contains("\"incomingStream\":\"DOWN\"") && health.contains("incomingStreamError"),
          "liveness names the dead incoming stream and why: " + health);
      assertEquals(1, logLines("has ended: ").size(), "one log line says so");
      assertTrue(
          flood.storedRows() < flood.size,
          "results behind the damaged record wait: " + flood.storedRows() + " stored");
    } finally {
      if (kafkaStopped) {
        Stack.control("/kafka/start");
      }
      // Stopped first, so that the group's offsets no longer move while the removal is counted.
      Stack.control("/servers/persister/stop");
      if (damaged >= 0) {
        removed = deleteUpTo(damaged);
      }
      Stack.control("/servers/persister/start");
    }
    Stack.awaitStatus(Stack.persister("/health/ready"), 200, Duration.ofSeconds(120));
    flood.assertStoredExactlyOnce(Duration.ofSeconds(60));
    assertEquals(200, Stack.status(live), "a restarted server's stream is alive");
    // The connector commits only an unbroken run of offsets from the committed one: had the
    // group's offset stayed on the removed record, partition 0 would never be committed again.
    Topics.awaitPersisterCaughtUp(Duration.ofSeconds(60));
    assertEquals(
        removed,
        (long) Stack.metric(Stack.persister("/metrics"), "sitewatch_results_deleted_before_stored"),
        "the removed records are counted as lost");
    assertEquals(1, logLines("were deleted from Kafka before they were stored").size());
  }

  /** The record's offset. */
  private static long send(String marker) throws Exception {
    return Topics.send(
            new ProducerRecord<>(
                DAMAGED.topic(),
                DAMAGED.partition(),
                "deadstream-damaged",
                marker.getBytes(StandardCharsets.UTF_8)))
        .offset();
  }

  /**
   * Changes one byte of the stopped broker's copy of the record: its batch's CRC no longer fits.
   */
  private static void damage(String marker) throws IOException {
    byte[] needle = marker.getBytes(StandardCharsets.UTF_8);
    Path dir = Path.of(System.getProperty("st.kafka.data.dir"), DAMAGED.toString());
    try (Stream<Path> files = Files.list(dir)) {
      for (Path segment : files.filter(f -> f.toString().endsWith(".log")).toList()) {
        byte[] bytes = Files.readAllBytes(segment);
        int at = indexOf(bytes, needle);
        if (at >= 0) {
          bytes[at] ^= 0x20;
          Files.write(segment, bytes);
          return;
        }
      }
    }
    throw new IllegalStateException("no segment in " + dir + " holds " + marker);
  }

  private static int indexOf(byte[] haystack, byte[] needle) {
    outer:
    for (int i = 0; i <= haystack.length - needle.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (haystack[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }

  /**
   * Removes the damaged record, as an operator would, so that nothing reads it again; with it go
   * the checker's results that reached the partition after the wait for the persister and before
   * the damaged one. How many records the group had not committed, and so are lost.
   */
  private static long deleteUpTo(long damaged) throws Exception {
    try (Admin admin = Admin.create(Map.of("bootstrap.servers", Stack.kafkaBootstrap()))) {
      long committed =
          admin
              .listConsumerGroupOffsets(Topics.PERSISTER_GROUP)
              .partitionsToOffsetAndMetadata()
              .get()
              .get(DAMAGED)
              .offset();
      admin.deleteRecords(Map.of(DAMAGED, RecordsToDelete.beforeOffset(damaged + 1))).all().get();
      return damaged + 1 - committed;
    }
  }

  private static void awaitLogLine(String text, Duration atMost) {
    await("the persister's log says " + text)
        .atMost(atMost)
        .pollInterval(Duration.ofMillis(250))
        .until(() -> !logLines(text).isEmpty());
  }

  /** Lines of the running persister's log (a restart starts a new one) that contain text. */
  private static List<String> logLines(String text) {
    try {
      return Files.exists(PERSISTER_LOG)
          ? Files.readAllLines(PERSISTER_LOG, StandardCharsets.ISO_8859_1).stream()
              .filter(line -> line.contains(text))
              .toList()
          : List.of();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
