package org.sitewatch.systemtest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * What a flood's results must have decided: per site, one incident per DOWN run, each opened and
 * resolved once and counting each of its results once, whatever fault hit the persister meanwhile.
 */
final class StoredIncidents {

  /**
   * Per site: its results and incidents; per incident: whether it is open and how many results it
   * counted.
   */
  private static final String PER_SITE =
      """
      SELECT r.site_id, r.results, count(i.id), count(i.id) FILTER (WHERE i.resolved_at IS NULL),
             count(i.id) FILTER (WHERE i.resolved_at IS NOT NULL AND i.results_seen <> ?),
             coalesce(max(i.results_seen) FILTER (WHERE i.resolved_at IS NULL), 0),
             (SELECT count(*) FROM notification n WHERE n.site_id = r.site_id)
      FROM (SELECT site_id, count(*) AS results FROM check_result WHERE site_id LIKE ?
            GROUP BY site_id) AS r
      LEFT JOIN incident AS i ON i.site_id = r.site_id
      GROUP BY r.site_id, r.results ORDER BY r.site_id""";

  private StoredIncidents() {}

  static void assertDecidedOnce(Flood flood) throws SQLException {
    List<String> wrong = new ArrayList<>();
    int sites = 0;
    try (Connection db = Stack.database();
        PreparedStatement query = db.prepareStatement(PER_SITE)) {
      // A resolved incident saw its DOWN run and the UP results that resolved it.
      query.setInt(1, Flood.RUN + 2);
      query.setString(2, flood.sitePrefix + "%");
      try (ResultSet row = query.executeQuery()) {
        while (row.next()) {
          sites++;
          String site = row.getString(1);
          int results = row.getInt(2);
          long incidents = row.getLong(3);
          long open = row.getLong(4);
          long miscounted = row.getLong(5);
          int openSeen = row.getInt(6);
          long notifications = row.getLong(7);
          if (incidents != Flood.incidentsOf(results)
              || open != (Flood.endsOpen(results) ? 1 : 0)
              || miscounted > 0
              || openSeen > Flood.RUN + 1
              || notifications > 0) {
            wrong.add(
                String.format(
                    "%s: %d results, %d incidents (expected %d), %d open (expected %d), %d resolved"
                        + " miscounted, open one saw %d, %d notifications",
                    site,
                    results,
                    incidents,
                    Flood.incidentsOf(results),
                    open,
                    Flood.endsOpen(results) ? 1 : 0,
                    miscounted,
                    openSeen,
                    notifications));
          }
        }
      }
    }
    assertTrue(sites > 0, "the flood's sites are stored");
    assertEquals(List.of(), wrong, "each DOWN run is one incident, decided once");
  }
}
