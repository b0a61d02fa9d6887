package org.sitewatch.systemtest;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Map;
import java.util.TreeMap;

/** The rollups the persister keeps, held against the raw rows they must add up to. */
final class StoredRollups {

  /** Per site and period: checks, checks UP, duration sum, histogram, reasons. */
  private static final String ROLLUPS =
      """
      select site_id, %1$s::text, checks || ' ' || checks_up || ' ' || duration_us_sum
             || ' ' || duration_buckets::text || ' ' || reasons::text
      from %2$s where site_id like ?""";

  /** The same figures computed from check_result directly. */
  private static final String FROM_RAW_ROWS =
      """
      select site_id, period::text, sum(checks) || ' ' || sum(checks_up) || ' ' || sum(duration_us)
             || ' ' || jsonb_object_agg(bucket, bucket_checks) filter (where bucket is not null)::text
             || ' ' || coalesce(jsonb_object_agg(reason, reason_checks)
                                filter (where reason is not null), '{}')::text
      from (select site_id, %1$s as period, sitewatch_duration_bucket(duration_us) as bucket,
                   null::text as reason, count(*) as checks,
                   count(*) filter (where status = 'UP') as checks_up, sum(duration_us) as duration_us,
                   count(*) as bucket_checks, null::bigint as reason_checks
            from check_result where site_id like ? group by 1, 2, 3
            union all
            select site_id, %1$s, null, reason, 0, 0, 0, null, count(*)
            from check_result where site_id like ? and reason is not null group by 1, 2, 4) as parts
      group by 1, 2""";

  private StoredRollups() {}

  /**
   * Asserts that the hourly and daily rollups of the sites whose ids start with {@code prefix} are
   * exactly what their stored results add up to: a result counted twice, or not at all, shows.
   */
  static void assertMatchStoredResults(String prefix) throws SQLException {
    for (String[] table :
        new String[][] {
          {"site_hour", "hour", "date_trunc('hour', started_at)"},
          {"site_day", "day", "(started_at at time zone 'UTC')::date"}
        }) {
      assertEquals(
          figures(FROM_RAW_ROWS.formatted(table[2]), prefix, 2),
          figures(ROLLUPS.formatted(table[1], table[0]), prefix, 1),
          table[0]
              + " of "
              + prefix
              + "* against the stored results (checks, up, duration sum,"
              + " histogram, reasons)");
    }
  }

  private static Map<String, String> figures(String sql, String prefix, int prefixParameters)
      throws SQLException {
    Map<String, String> figures = new TreeMap<>();
    try (Connection db = Stack.database();
        PreparedStatement query = db.prepareStatement(sql)) {
      for (int i = 1; i <= prefixParameters; i++) {
        query.setString(i, prefix + "%");
      }
      try (ResultSet rs = query.executeQuery()) {
        while (rs.next()) {
          figures.put(rs.getString(1) + " " + rs.getString(2), rs.getString(3));
        }
      }
    }
    return figures;
  }
}
