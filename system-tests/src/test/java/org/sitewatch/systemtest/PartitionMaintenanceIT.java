package org.sitewatch.systemtest;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.sitewatch.common.CheckResult;
import org.sitewatch.common.Outcome;
import org.sitewatch.common.ResultIds;
import org.sitewatch.common.serde.CheckResultCodec;

/**
 * Partition maintenance that cannot log in as the owner role makes the persister not ready, with
 * the reason; a result whose day has no partition then waits instead of being set aside, and is
 * stored once the owner can log in again and maintenance has made the partition.
 */
class PartitionMaintenanceIT {

  private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyyMMdd");

  @Test
  void aMissingPartitionMakesTheResultWaitAndReadinessSaySo() throws Exception {
    URI ready = Stack.persister("/health/ready");
    URI metrics = Stack.persister("/metrics");
    double failures = Stack.metric(metrics, "sitewatch_maintenance_failures");
    assertTrue(failures >= 0, "failed maintenance runs are counted on /metrics");
    String owner = Stack.info().getProperty("postgres.owner.user");
    String password = Stack.info().getProperty("postgres.owner.password");
    LocalDate day = LocalDate.now(ZoneOffset.UTC).minusDays(2);
    String partition = "check_result_p" + DAY.format(day);
    CheckResult result =
        result("partition-" + UUID.randomUUID(), day.atTime(12, 0).toInstant(ZoneOffset.UTC));

    // This connection stays open: it is the owner's only way back in.
    try (Connection db = Stack.database()) {
      try {
        execute(db, "ALTER ROLE " + owner + " PASSWORD '" + UUID.randomUUID() + "'");
        execute(
            db,
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
                + " WHERE usename = current_user AND pid <> pg_backend_pid()");
        await("readiness names the failed partition maintenance")
            .atMost(Duration.ofSeconds(30))
            .pollInterval(Duration.ofMillis(500))
            .until(
                () ->
                    Stack.status(ready) == 503
                        && Stack.get(ready).body().contains("partitionError"));
        assertTrue(
            Stack.metric(metrics, "sitewatch_maintenance_failures") > failures,
            "the failed run is counted");

        execute(db, "DROP TABLE " + partition);
        send(result);
        await("the result without a partition is refused by the database and waits")
            .atMost(Duration.ofSeconds(30))
            .pollInterval(Duration.ofMillis(500))
            .until(() -> Stack.get(ready).body().contains("no partition of relation"));
        try (var count =
            db.prepareStatement("select count(*) from check_result where site_id = ?")) {
          count.setString(1, result.siteId());
          try (var rows = count.executeQuery()) {
            rows.next();
            assertEquals(0, rows.getLong(1), "not stored without its partition");
          }
        }
      } finally {
        execute(db, "ALTER ROLE " + owner + " PASSWORD '" + password + "'");
      }
    }
    long restored = Instant.now().getEpochSecond();
    Stack.awaitStatus(ready, 200, Duration.ofSeconds(60));
    assertTrue(
        Stack.metric(metrics, "sitewatch_maintenance_last_success_seconds") >= restored,
        "the time of the last successful run moves on");
    await("the result is stored once maintenance made its partition")
        .atMost(Duration.ofSeconds(30))
        .until(() -> StoredResults.rowCount(result.siteId()) == 1);
    assertEquals(
        List.of(),
        Topics.readAll(Topics.DEAD_LETTERS).stream()
            .filter(r -> result.siteId().equals(r.key()))
            .toList(),
        "a result waiting for its partition is never set aside");
    assertEquals(
        0,
        Stack.metric(Stack.persister("/metrics"), "sitewatch_duplicate_refusals"),
        "no duplicates (sitewatch_duplicate_refusals on /metrics)");
  }

  private static CheckResult result(String siteId, Instant startedAt) {
    return new CheckResult(
        ResultIds.next(startedAt),
        siteId,
        "https://" + siteId + ".example/",
        startedAt,
        Duration.ofMillis(42),
        200,
        null,
        Outcome.up());
  }

  private static void send(CheckResult result) throws Exception {
    Topics.send(
        new ProducerRecord<>(Topics.RESULTS, result.siteId(), CheckResultCodec.encode(result)));
  }

  private static void execute(Connection db, String sql) throws SQLException {
    try (Statement statement = db.createStatement()) {
      statement.execute(sql);
    }
  }
}
