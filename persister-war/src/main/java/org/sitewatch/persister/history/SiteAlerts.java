package org.sitewatch.persister.history;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.sitewatch.persister.jdbc.JdbcReads;

/** Each listed site's name from the catalogue and its alert state, in one read for a page. */
@ApplicationScoped
public class SiteAlerts {

  private static final String READ =
      """
      SELECT s.site_id, coalesce(d.name, s.site_id), a.state, a.since, a.incident_id
      FROM unnest(?::text[]) AS s(site_id)
      LEFT JOIN site_definition AS d USING (site_id)
      LEFT JOIN site_alert AS a USING (site_id)""";

  /** A site's name, and its alert state (null before its first result was decided on). */
  public record Named(String name, AlertView alert) {}

  @Resource(lookup = "jdbc/sitewatch-read")
  DataSource dataSource;

  /** One entry for every id given. */
  public Map<String, Named> of(List<String> siteIds) {
    Map<String, Named> named = new HashMap<>();
    if (siteIds.isEmpty()) {
      return named;
    }
    JdbcReads.read(
        dataSource,
        "the sites' alert state",
        READ,
        statement ->
            statement.setArray(
                1, statement.getConnection().createArrayOf("text", siteIds.toArray())),
        row -> {
          String state = row.getString(3);
          AlertView alert =
              state == null
                  ? null
                  : new AlertView(
                      state,
                      row.getObject(4, OffsetDateTime.class).toInstant(),
                      (Long) row.getObject(5));
          named.put(row.getString(1), new Named(row.getString(2), alert));
        });
    return named;
  }
}
