package org.sitewatch.systemtest;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Incidents and outbox rows written straight into the stack's database (as the owner), the way the
 * ingest transaction writes them, for tests of the notification sender.
 */
final class OutboxRows {

  /** One notification row to write. */
  record Row(String siteId, String kind, String channelSpec, Instant firstAttemptAt, int attempts) {

    Row(String siteId, String kind, String channelSpec) {
      this(siteId, kind, channelSpec, null, 0);
    }
  }

  /** A written row: its id, incident and idempotency key. */
  record Written(long id, long incidentId, String siteId, String key) {}

  private OutboxRows() {}

  /** {"name":…,"type":"WEBHOOK","url":…} with an optional secretEnv. */
  static String webhook(String name, String url, String secretEnv) {
    return "{\"name\":\"%s\",\"type\":\"WEBHOOK\",\"url\":\"%s\"%s}"
        .formatted(name, url, secretEnv == null ? "" : ",\"secretEnv\":\"" + secretEnv + "\"");
  }

  static String slack(String name, String urlEnv) {
    return "{\"name\":\"%s\",\"type\":\"SLACK\",\"urlEnv\":\"%s\"}".formatted(name, urlEnv);
  }

  static String email(String name, String to) {
    return "{\"name\":\"%s\",\"type\":\"EMAIL\",\"to\":[\"%s\"]}".formatted(name, to);
  }

  /**
   * Writes the rows in one transaction, in order (so ids follow it), each site's rows under one
   * incident of that site.
   */
  static List<Written> insert(List<Row> rows) throws SQLException {
    try (Connection db = Stack.database()) {
      db.setAutoCommit(false);
      Map<String, Long> incidents = new java.util.HashMap<>();
      Map<String, Integer> perIncident = new java.util.HashMap<>();
      List<Written> written = new ArrayList<>();
      for (Row row : rows) {
        long incident = incidents.computeIfAbsent(row.siteId(), site -> incident(db, site));
        int n = perIncident.merge(row.siteId(), 1, Integer::sum);
        String key = incident + "-" + row.kind() + "-" + n;
        written.add(new Written(notification(db, incident, key, row), incident, row.siteId(), key));
      }
      db.commit();
      return written;
    }
  }

  private static long incident(Connection db, String siteId) {
    try (PreparedStatement insert =
        db.prepareStatement(
            "INSERT INTO incident (site_id, opened_at, last_result_at, first_reason,"
                + " first_message, last_reason, last_message, results_seen)"
                + " VALUES (?, now() - interval '90 seconds', now(), 'HTTP_STATUS', 'HTTP 503',"
                + " 'HTTP_STATUS', 'HTTP 503', 3) RETURNING id")) {
      insert.setString(1, siteId);
      try (ResultSet id = insert.executeQuery()) {
        id.next();
        return id.getLong(1);
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  private static long notification(Connection db, long incident, String key, Row row)
      throws SQLException {
    String notice =
        """
        {"siteId":"%1$s","siteName":"Site %1$s","siteUrl":"http://127.0.0.1:9/%1$s",
         "labels":{"suite":"notification-delivery"},"incidentId":%2$d,"kind":"%3$s",
         "openedAt":"%4$s",%5$s"reason":"HTTP_STATUS","message":"HTTP 503",
         "resultAt":"%6$s","httpStatus":503,"durationMs":12.5}"""
            .formatted(
                row.siteId(),
                incident,
                row.kind(),
                Instant.now().minusSeconds(90),
                row.kind().equals("RESOLVED") ? "\"resolvedAt\":\"" + Instant.now() + "\"," : "",
                Instant.now());
    try (PreparedStatement insert =
        db.prepareStatement(
            "INSERT INTO notification (idempotency_key, incident_id, site_id, kind, channel,"
                + " channel_spec, notice, first_attempt_at, attempts)"
                + " VALUES (?, ?, ?, ?, ?::jsonb->>'name', ?::jsonb, ?::jsonb, ?, ?) RETURNING id")) {
      insert.setString(1, key);
      insert.setLong(2, incident);
      insert.setString(3, row.siteId());
      insert.setString(4, row.kind());
      insert.setString(5, row.channelSpec());
      insert.setString(6, row.channelSpec());
      insert.setString(7, notice);
      if (row.firstAttemptAt() == null) {
        insert.setNull(8, java.sql.Types.TIMESTAMP_WITH_TIMEZONE);
      } else {
        insert.setObject(
            8, java.time.OffsetDateTime.ofInstant(row.firstAttemptAt(), java.time.ZoneOffset.UTC));
      }
      insert.setInt(9, row.attempts());
      try (ResultSet id = insert.executeQuery()) {
        id.next();
        return id.getLong(1);
      }
    }
  }

  /** Each row's status and last error, by id. */
  static Map<Long, String[]> statuses(List<Written> rows) throws SQLException {
    try (Connection db = Stack.database();
        PreparedStatement select =
            db.prepareStatement(
                "SELECT id, status, last_error FROM notification WHERE id = ANY (?)")) {
      select.setArray(1, db.createArrayOf("bigint", rows.stream().map(Written::id).toArray()));
      Map<Long, String[]> statuses = new java.util.HashMap<>();
      try (ResultSet result = select.executeQuery()) {
        while (result.next()) {
          statuses.put(result.getLong(1), new String[] {result.getString(2), result.getString(3)});
        }
      }
      return statuses;
    }
  }
}
