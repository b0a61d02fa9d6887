package org.sitewatch.persister.incident;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.sitewatch.persister.jdbc.JdbcReads;

/** Reads incidents through the API's pool. */
@ApplicationScoped
public class Incidents {

  /** Every filter is optional: a null parameter leaves it out. */
  private static final String PAGE =
      """
      SELECT i.id, i.site_id, coalesce(d.name, i.site_id), i.resolved_at IS NULL, i.opened_at,
             i.resolved_at, i.first_reason, i.first_message, i.last_reason, i.last_message,
             i.last_result_at, i.results_seen
      FROM incident AS i LEFT JOIN site_definition AS d USING (site_id)
      WHERE (?::boolean IS NULL OR (i.resolved_at IS NULL) = ?::boolean)
        AND (?::text IS NULL OR i.site_id = ?::text)
        AND (?::int8 IS NULL OR i.id < ?::int8)
      ORDER BY i.id DESC LIMIT ?""";

  @Resource(lookup = "jdbc/sitewatch-read")
  DataSource dataSource;

  /** The page, with one more than asked for when there are more. */
  public List<IncidentView> page(IncidentsQuery query) {
    List<IncidentView> incidents = new ArrayList<>();
    JdbcReads.read(
        dataSource,
        "the incidents",
        PAGE,
        statement -> {
          Boolean open = query.open().orElse(null);
          String siteId = query.siteId().orElse(null);
          Long before = query.before().orElse(null);
          statement.setObject(1, open);
          statement.setObject(2, open);
          statement.setString(3, siteId);
          statement.setString(4, siteId);
          statement.setObject(5, before);
          statement.setObject(6, before);
          statement.setInt(7, query.limit() + 1);
        },
        row ->
            incidents.add(
                new IncidentView(
                    row.getLong(1),
                    row.getString(2),
                    row.getString(3),
                    row.getBoolean(4),
                    instant(row, 5),
                    instant(row, 6),
                    row.getString(7),
                    row.getString(8),
                    row.getString(9),
                    row.getString(10),
                    instant(row, 11),
                    row.getInt(12))));
    return incidents;
  }

  private static Instant instant(ResultSet row, int column) throws SQLException {
    OffsetDateTime at = row.getObject(column, OffsetDateTime.class);
    return at == null ? null : at.toInstant();
  }
}
