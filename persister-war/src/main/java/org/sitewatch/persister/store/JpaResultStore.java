package org.sitewatch.persister.store;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.sitewatch.common.CheckResult;
import org.sitewatch.common.Outcome;

/**
 * Stores results in PostgreSQL within the caller's JTA transaction (or a new one).
 *
 * <p>The statements are plain JDBC batches on the persistence context's own connection, not
 * entities: both need PostgreSQL's INSERT ... ON CONFLICT, and the site upsert's "only when newer"
 * ({@code ON CONFLICT DO UPDATE ... WHERE}) cannot be expressed through JPA without reading every
 * site first. A DescriptorCustomizer could rewrite the result insert, but not the upsert, and would
 * hide the SQL. {@code unwrap(Connection)} hands out the connection enlisted in the current
 * transaction, so both statements commit or roll back with it.
 */
@ApplicationScoped
public class JpaResultStore implements ResultStore {

  /** The result id makes a redelivered result a no-op. */
  static final String INSERT_RESULT =
      """
      INSERT INTO check_result (id, site_id, url, started_at, duration_us, http_status,
                                regex_matched, status, reason, message, attempts,
                                tls_days_left, labels, scheduled_at)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?)
      ON CONFLICT DO NOTHING""";

  /** Advances a site only to a newer result: batches may commit out of order after a retry. */
  static final String UPSERT_SITE =
      """
      INSERT INTO site AS s (site_id, url, last_result_id, last_checked_at, last_status,
                             last_reason, last_message, last_http_status, last_duration_us)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
      ON CONFLICT (site_id) DO UPDATE SET
          url = EXCLUDED.url,
          last_result_id = EXCLUDED.last_result_id,
          last_checked_at = EXCLUDED.last_checked_at,
          last_status = EXCLUDED.last_status,
          last_reason = EXCLUDED.last_reason,
          last_message = EXCLUDED.last_message,
          last_http_status = EXCLUDED.last_http_status,
          last_duration_us = EXCLUDED.last_duration_us
      WHERE (s.last_checked_at, s.last_result_id)
          < (EXCLUDED.last_checked_at, EXCLUDED.last_result_id)""";

  /** A statement that takes longer means a stuck database; fail and retry rather than hang. */
  private static final int QUERY_TIMEOUT_SECONDS = 30;

  @PersistenceContext(unitName = "sitewatch")
  EntityManager entityManager;

  @Override
  @Transactional
  public void store(List<CheckResult> results) {
    Connection connection = entityManager.unwrap(Connection.class);
    try {
      insertResults(connection, results);
      upsertSites(connection, LatestPerSite.of(results));
    } catch (SQLException e) {
      throw new StoreException("storing " + results.size() + " check results failed", e);
    }
  }

  private static void insertResults(Connection connection, List<CheckResult> results)
      throws SQLException {
    try (PreparedStatement insert = connection.prepareStatement(INSERT_RESULT)) {
      insert.setQueryTimeout(QUERY_TIMEOUT_SECONDS);
      for (CheckResult result : results) {
        Outcome outcome = result.outcome();
        insert.setObject(1, result.id());
        insert.setString(2, result.siteId());
        insert.setString(3, result.url());
        insert.setObject(4, OffsetDateTime.ofInstant(result.startedAt(), ZoneOffset.UTC));
        insert.setLong(5, micros(result.duration()));
        setHttpStatus(insert, 6, result.httpStatus());
        insert.setObject(7, result.regexMatched(), Types.BOOLEAN);
        insert.setString(8, outcome.status().name());
        insert.setString(9, outcome.reason() == null ? null : outcome.reason().name());
        insert.setString(10, outcome.message());
        insert.setShort(11, (short) result.attempts());
        insert.setObject(12, result.tlsDaysLeft(), Types.INTEGER);
        insert.setString(13, LabelsJson.write(result.labels()));
        insert.setObject(
            14,
            result.scheduledAt() == null
                ? null
                : OffsetDateTime.ofInstant(result.scheduledAt(), ZoneOffset.UTC),
            Types.TIMESTAMP_WITH_TIMEZONE);
        insert.addBatch();
      }
      insert.executeBatch();
    }
  }

  private static void upsertSites(Connection connection, List<CheckResult> latest)
      throws SQLException {
    try (PreparedStatement upsert = connection.prepareStatement(UPSERT_SITE)) {
      upsert.setQueryTimeout(QUERY_TIMEOUT_SECONDS);
      for (CheckResult result : latest) {
        Outcome outcome = result.outcome();
        upsert.setString(1, result.siteId());
        upsert.setString(2, result.url());
        upsert.setObject(3, result.id());
        upsert.setObject(4, OffsetDateTime.ofInstant(result.startedAt(), ZoneOffset.UTC));
        upsert.setString(5, outcome.status().name());
        upsert.setString(6, outcome.reason() == null ? null : outcome.reason().name());
        upsert.setString(7, outcome.message());
        setHttpStatus(upsert, 8, result.httpStatus());
        upsert.setLong(9, micros(result.duration()));
        upsert.addBatch();
      }
      upsert.executeBatch();
    }
  }

  private static void setHttpStatus(PreparedStatement statement, int index, Integer httpStatus)
      throws SQLException {
    if (httpStatus == null) {
      statement.setNull(index, Types.SMALLINT);
    } else {
      statement.setShort(index, httpStatus.shortValue());
    }
  }

  /** CheckResult keeps durations to the microsecond, so this is exact. */
  private static long micros(Duration duration) {
    return Math.addExact(
        Math.multiplyExact(duration.getSeconds(), 1_000_000L), duration.getNano() / 1_000L);
  }
}
