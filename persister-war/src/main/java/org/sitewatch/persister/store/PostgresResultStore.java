package org.sitewatch.persister.store;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;
import org.sitewatch.common.CheckResult;
import org.sitewatch.common.Reason;
import org.sitewatch.common.catalog.SiteDefinition;
import org.sitewatch.persister.alert.MaintenanceWindows;
import org.sitewatch.persister.alert.PostgresAlertStore;
import org.sitewatch.persister.jdbc.BatchColumn;
import org.sitewatch.persister.jdbc.LabelsJson;

/**
 * Stores results, their sites' latest state, the rollups and the alert decisions in PostgreSQL,
 * within the caller's JTA transaction (or a new one).
 *
 * <p>Statements of plain SQL on the persistence context's own connection: they need PostgreSQL's
 * INSERT ... ON CONFLICT, data-modifying WITH and RETURNING, which JPA cannot express. {@code
 * unwrap(Connection)} hands out the connection enlisted in the current transaction, so all commit
 * or roll back with it.
 *
 * <p>Each statement takes the whole batch as one array per column and {@code unnest}s it: one round
 * trip and one small statement to plan per batch, whatever its size. A JDBC batch, even rewritten
 * into multi-row inserts, sends ten parameters per row and makes the server parse statements of a
 * new shape for each chunk size. JPA entities through EclipseLink's batch writing were measured
 * against this: see the README's design notes.
 */
@ApplicationScoped
public class PostgresResultStore implements ResultStore {

  /** Their {@code maintenance} column is added per batch: see {@link #resultColumns}. */
  static final List<BatchColumn<CheckResult>> RESULT_COLUMNS =
      List.of(
          new BatchColumn<>("id", "uuid", UUID.class, CheckResult::id),
          new BatchColumn<>("site_id", "text", String.class, CheckResult::siteId),
          new BatchColumn<>("url", "text", String.class, CheckResult::url),
          new BatchColumn<>(
              "started_at", "timestamptz", OffsetDateTime.class, r -> utc(r.startedAt())),
          new BatchColumn<>("duration_us", "int8", Long.class, r -> micros(r.duration())),
          new BatchColumn<>("http_status", "int2", Short.class, PostgresResultStore::httpStatus),
          new BatchColumn<>("regex_matched", "bool", Boolean.class, CheckResult::regexMatched),
          new BatchColumn<>("status", "text", String.class, r -> r.outcome().status().name()),
          new BatchColumn<>("reason", "text", String.class, PostgresResultStore::reason),
          new BatchColumn<>("message", "text", String.class, r -> r.outcome().message()),
          new BatchColumn<>("attempts", "int2", Short.class, r -> (short) r.attempts()),
          new BatchColumn<>("tls_days_left", "int4", Integer.class, CheckResult::tlsDaysLeft),
          new BatchColumn<>("labels", "jsonb", String.class, r -> LabelsJson.write(r.labels())),
          new BatchColumn<>(
              "scheduled_at", "timestamptz", OffsetDateTime.class, r -> utc(r.scheduledAt())),
          new BatchColumn<>("checker", "text", String.class, CheckResult::checker),
          new BatchColumn<>("location", "text", String.class, CheckResult::location));

  static final List<BatchColumn<CheckResult>> SITE_COLUMNS =
      List.of(
          new BatchColumn<>("site_id", "text", String.class, CheckResult::siteId),
          new BatchColumn<>("url", "text", String.class, CheckResult::url),
          new BatchColumn<>("labels", "jsonb", String.class, r -> LabelsJson.write(r.labels())),
          new BatchColumn<>("last_result_id", "uuid", UUID.class, CheckResult::id),
          new BatchColumn<>(
              "last_checked_at", "timestamptz", OffsetDateTime.class, r -> utc(r.startedAt())),
          new BatchColumn<>("last_status", "text", String.class, r -> r.outcome().status().name()),
          new BatchColumn<>("last_reason", "text", String.class, PostgresResultStore::reason),
          new BatchColumn<>("last_message", "text", String.class, r -> r.outcome().message()),
          new BatchColumn<>(
              "last_http_status", "int2", Short.class, PostgresResultStore::httpStatus),
          new BatchColumn<>("last_duration_us", "int8", Long.class, r -> micros(r.duration())));

  /**
   * Inserts the results, skipping any stored before (the result id makes a redelivery a no-op), and
   * adds the ones it inserted, only those, to their hourly and daily rollups. Rollup rows are
   * upserted in key order, so concurrent writers lock them in the same order. Returns the ids it
   * inserted.
   */
  static final String INSERT_RESULTS =
      """
      WITH batch (%1$s) AS (SELECT * FROM %2$s),
      inserted AS (
          INSERT INTO check_result (%1$s)
          SELECT * FROM batch
          ON CONFLICT DO NOTHING
          RETURNING id, site_id, started_at, duration_us, status, reason),
      added AS (
          SELECT site_id, date_trunc('hour', started_at) AS hour, duration_us, status, reason
          FROM inserted),
      totals AS (
          SELECT site_id, hour, count(*) AS checks, count(*) FILTER (WHERE status = 'UP') AS checks_up,
                 sum(duration_us) AS duration_us_sum
          FROM added GROUP BY site_id, hour),
      buckets AS (
          SELECT site_id, hour, jsonb_object_agg(bucket, checks) AS duration_buckets
          FROM (SELECT site_id, hour, sitewatch_duration_bucket(duration_us) AS bucket, count(*) AS checks
                FROM added GROUP BY 1, 2, 3) AS b
          GROUP BY site_id, hour),
      reasons AS (
          SELECT site_id, hour, jsonb_object_agg(reason, checks) AS reasons
          FROM (SELECT site_id, hour, reason, count(*) AS checks
                FROM added WHERE reason IS NOT NULL GROUP BY 1, 2, 3) AS r
          GROUP BY site_id, hour),
      hourly AS (
          SELECT site_id, hour, checks, checks_up, duration_us_sum, duration_buckets,
                 coalesce(reasons, '{}'::jsonb) AS reasons
          FROM totals JOIN buckets USING (site_id, hour) LEFT JOIN reasons USING (site_id, hour)),
      hours AS (
          INSERT INTO site_hour AS h
              (site_id, hour, checks, checks_up, duration_us_sum, duration_buckets, reasons)
          SELECT * FROM hourly ORDER BY site_id, hour
          ON CONFLICT (site_id, hour) DO UPDATE SET
              checks = h.checks + EXCLUDED.checks,
              checks_up = h.checks_up + EXCLUDED.checks_up,
              duration_us_sum = h.duration_us_sum + EXCLUDED.duration_us_sum,
              duration_buckets = sitewatch_add_counts(h.duration_buckets, EXCLUDED.duration_buckets),
              reasons = sitewatch_add_counts(h.reasons, EXCLUDED.reasons)),
      days AS (
          INSERT INTO site_day AS d
              (site_id, day, checks, checks_up, duration_us_sum, duration_buckets, reasons)
          SELECT site_id, (hour AT TIME ZONE 'UTC')::date AS day, sum(checks), sum(checks_up),
                 sum(duration_us_sum), sitewatch_sum_counts(duration_buckets),
                 sitewatch_sum_counts(reasons)
          FROM hourly GROUP BY 1, 2 ORDER BY 1, 2
          ON CONFLICT (site_id, day) DO UPDATE SET
              checks = d.checks + EXCLUDED.checks,
              checks_up = d.checks_up + EXCLUDED.checks_up,
              duration_us_sum = d.duration_us_sum + EXCLUDED.duration_us_sum,
              duration_buckets = sitewatch_add_counts(d.duration_buckets, EXCLUDED.duration_buckets),
              reasons = sitewatch_add_counts(d.reasons, EXCLUDED.reasons))
      SELECT id FROM inserted"""
          .formatted(
              BatchColumn.names(resultColumns(result -> false)),
              BatchColumn.unnest(resultColumns(result -> false)));

  /**
   * Advances each site only to a newer result (batches may commit out of order after a retry),
   * keeps when it took its state, and records each change of state. The rows come in site id order,
   * so concurrent writers lock them in the same order.
   */
  static final String UPSERT_SITES =
      """
      WITH latest (%1$s) AS (SELECT * FROM %2$s),
      previous AS (SELECT site_id, s.last_status FROM site AS s JOIN latest USING (site_id)),
      upserted AS (
          INSERT INTO site AS s (%1$s, state_since)
          SELECT *, last_checked_at FROM latest
          ON CONFLICT (site_id) DO UPDATE SET
              %3$s,
              state_since = CASE WHEN s.last_status = EXCLUDED.last_status THEN s.state_since
                                 ELSE EXCLUDED.state_since END
          WHERE (s.last_checked_at, s.last_result_id)
              < (EXCLUDED.last_checked_at, EXCLUDED.last_result_id)
          RETURNING site_id, last_status, state_since)
      INSERT INTO site_state_change (site_id, changed_at, from_status, to_status)
      SELECT site_id, upserted.state_since, previous.last_status, upserted.last_status
      FROM upserted LEFT JOIN previous USING (site_id)
      WHERE previous.last_status IS DISTINCT FROM upserted.last_status
      ON CONFLICT DO NOTHING"""
          .formatted(
              BatchColumn.names(SITE_COLUMNS),
              BatchColumn.unnest(SITE_COLUMNS),
              String.join(
                  ",\n        ",
                  SITE_COLUMNS.stream()
                      .skip(1)
                      .map(c -> c.name() + " = EXCLUDED." + c.name())
                      .toList()));

  /** A statement that takes longer means a stuck database; fail and retry rather than hang. */
  private static final int QUERY_TIMEOUT_SECONDS = 30;

  @PersistenceContext(unitName = "sitewatch")
  EntityManager entityManager;

  @Inject PostgresAlertStore alerts;

  @Override
  @Transactional
  public void store(List<CheckResult> results) {
    Connection connection = entityManager.unwrap(Connection.class);
    try {
      Map<String, SiteDefinition> sites = alerts.sites(connection, results);
      List<CheckResult> inserted =
          insert(connection, results, result -> MaintenanceWindows.covers(sites, result));
      execute(connection, UPSERT_SITES, SITE_COLUMNS, LatestPerSite.of(results));
      alerts.decide(connection, inserted, sites);
    } catch (SQLException e) {
      throw new StoreException("storing " + results.size() + " check results failed", e);
    }
  }

  /** The results' columns, with whether each was taken in maintenance. */
  static List<BatchColumn<CheckResult>> resultColumns(Predicate<CheckResult> inMaintenance) {
    List<BatchColumn<CheckResult>> columns = new ArrayList<>(RESULT_COLUMNS);
    columns.add(new BatchColumn<>("maintenance", "bool", Boolean.class, inMaintenance::test));
    return columns;
  }

  /** The results the insert added: those not stored before. */
  private static List<CheckResult> insert(
      Connection connection, List<CheckResult> results, Predicate<CheckResult> inMaintenance)
      throws SQLException {
    Set<UUID> added = new HashSet<>();
    try (PreparedStatement statement =
            prepare(connection, INSERT_RESULTS, resultColumns(inMaintenance), results);
        ResultSet rows = statement.executeQuery()) {
      while (rows.next()) {
        added.add(rows.getObject(1, UUID.class));
      }
    }
    return results.stream().filter(result -> added.contains(result.id())).toList();
  }

  private static void execute(
      Connection connection,
      String sql,
      List<BatchColumn<CheckResult>> columns,
      List<CheckResult> rows)
      throws SQLException {
    try (PreparedStatement statement = prepare(connection, sql, columns, rows)) {
      statement.execute();
    }
  }

  private static PreparedStatement prepare(
      Connection connection,
      String sql,
      List<BatchColumn<CheckResult>> columns,
      List<CheckResult> rows)
      throws SQLException {
    PreparedStatement statement = connection.prepareStatement(sql);
    try {
      statement.setQueryTimeout(QUERY_TIMEOUT_SECONDS);
      BatchColumn.bind(statement, columns, rows);
      return statement;
    } catch (SQLException | RuntimeException e) {
      statement.close();
      throw e;
    }
  }

  private static OffsetDateTime utc(Instant instant) {
    return instant == null ? null : OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
  }

  private static Short httpStatus(CheckResult result) {
    return result.httpStatus() == null ? null : result.httpStatus().shortValue();
  }

  private static String reason(CheckResult result) {
    Reason reason = result.outcome().reason();
    return reason == null ? null : reason.name();
  }

  /** CheckResult keeps durations to the microsecond, so this is exact. */
  private static long micros(Duration duration) {
    return Math.addExact(
        Math.multiplyExact(duration.getSeconds(), 1_000_000L), duration.getNano() / 1_000L);
  }
}
