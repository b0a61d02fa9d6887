package org.sitewatch.systemtest;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.sitewatch.common.ResultIds;

/**
 * check_result's partitions are created ahead and dropped past retention while inserts go on; and
 * the persister's runtime role may insert and read results but not remove or change them.
 */
class DatabaseLifecycleIT {

  /** PostgreSQL's insufficient_privilege. */
  private static final String NO_PRIVILEGE = "42501";

  private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyyMMdd");

  private final String run = "lifecycle-" + System.nanoTime() + "-";

  @Test
  void partitionsAreCreatedAheadAndDroppedPastRetentionWithoutBlockingInserts() throws Exception {
    LocalDate today = LocalDate.now(ZoneOffset.UTC);
    AtomicBoolean inserting = new AtomicBoolean(true);
    AtomicInteger inserted = new AtomicInteger();
    CompletableFuture<Void> inserts =
        CompletableFuture.runAsync(
            () -> {
              try (Connection db = Stack.runtimeRoleDatabase()) {
                while (inserting.get()) {
                  insert(db, ResultIds.next());
                  inserted.incrementAndGet();
                }
              } catch (SQLException e) {
                throw new IllegalStateException("an insert failed during maintenance", e);
              }
            });
    try (Connection owner = Stack.database()) {
      try {
        await("inserts under way").atMost(Duration.ofSeconds(10)).until(() -> inserted.get() > 20);
        String kept = partition(today.minusDays(20));
        assertTrue(partitions(owner).contains(kept), kept + " exists under 30 days retention");

        // One transaction: maintenance holds its advisory lock until the commit, so the
        // persister's own runs (30 days) cannot put the dropped partitions back before the check.
        owner.setAutoCommit(false);
        List<Integer> createdDropped = maintain(owner, 5, 10);
        Set<String> after = partitions(owner);
        owner.commit();
        owner.setAutoCommit(true);
        assertFalse(after.contains(kept), kept + " dropped under 5 days retention: " + after);
        assertTrue(after.contains(partition(today.minusDays(5))), "the oldest day kept: " + after);
        assertTrue(after.contains(partition(today.plusDays(10))), "10 days ahead: " + after);
        assertTrue(createdDropped.get(1) >= 20, "partitions dropped: " + createdDropped);
        int before = inserted.get();
        await("inserts go on after maintenance")
            .atMost(Duration.ofSeconds(10))
            .until(() -> inserted.get() > before + 20);
      } finally {
        inserting.set(false);
        // Back to the persister's settings (30 days, 7 ahead) for the other tests.
        maintain(owner, 30, 7);
      }
    }
    inserts.get(10, TimeUnit.SECONDS);
    assertEquals(inserted.get(), rowsOfThisRun(), "every insert made during maintenance stored");
  }

  @Test
  void theRuntimeRoleMayInsertAndReadButNotRemoveOrChangeResults() throws Exception {
    UUID id = ResultIds.next();
    String today = partition(LocalDate.now(ZoneOffset.UTC));
    try (Connection app = Stack.runtimeRoleDatabase()) {
      insert(app, id);
      assertEquals(1, rowsOfThisRun(app), "the runtime role reads what it inserted");
      List<String> refused =
          List.of(
              "drop table check_result",
              "truncate check_result",
              "delete from check_result where id = '" + id + "'",
              "update check_result set message = 'changed' where id = '" + id + "'",
              "drop table " + today,
              "truncate " + today,
              "delete from " + today + " where id = '" + id + "'");
      for (String sql : refused) {
        SQLException e =
            assertThrows(
                SQLException.class,
                () -> {
                  try (Statement statement = app.createStatement()) {
                    statement.execute(sql);
                  }
                },
                "the runtime role may not: " + sql);
        assertEquals(NO_PRIVILEGE, e.getSQLState(), sql + " refused for want of privilege: " + e);
      }
      assertEquals(1, rowsOfThisRun(app), "the result is still there, unchanged in number");
    }
  }

  private static String partition(LocalDate day) {
    return "check_result_p" + day.format(DAY);
  }

  private long rowsOfThisRun() throws SQLException {
    try (Connection db = Stack.database()) {
      return rowsOfThisRun(db);
    }
  }

  private long rowsOfThisRun(Connection db) throws SQLException {
    try (PreparedStatement query =
        db.prepareStatement("select count(*) from check_result where site_id = ?")) {
      query.setString(1, run + "site");
      try (ResultSet rs = query.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    }
  }

  private static List<Integer> maintain(Connection owner, int retentionDays, int daysAhead)
      throws SQLException {
    try (PreparedStatement call =
        owner.prepareStatement(
            "select created, dropped from maintain_check_result_partitions(?, ?)")) {
      call.setInt(1, retentionDays);
      call.setInt(2, daysAhead);
      try (ResultSet rs = call.executeQuery()) {
        rs.next();
        return List.of(rs.getInt(1), rs.getInt(2));
      }
    }
  }

  private static Set<String> partitions(Connection db) throws SQLException {
    try (Statement statement = db.createStatement();
        ResultSet rs =
            statement.executeQuery(
                "select c.relname from pg_inherits i join pg_class c on c.oid = i.inhrelid"
                    + " where i.inhparent = 'check_result'::regclass")) {
      Set<String> names = new TreeSet<>();
      while (rs.next()) {
        names.add(rs.getString(1));
      }
      return names;
    }
  }

  private void insert(Connection db, UUID id) throws SQLException {
    try (PreparedStatement insert =
        db.prepareStatement(
            "insert into check_result (id, site_id, url, started_at, duration_us, status)"
                + " values (?, ?, 'https://lifecycle.example/', ?, 1000, 'UP')")) {
      insert.setObject(1, id);
      insert.setString(2, run + "site");
      insert.setTimestamp(3, Timestamp.from(Instant.now()));
      insert.executeUpdate();
    }
  }
}
