package org.sitewatch.bench;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Sites as the persister would have left them after a month of checks at a 10 s interval: the site
 * rows with their state, hourly and daily rollups, written straight into the tables through the
 * owner role. One in 50 sites is DOWN; now and then an hour holds a timeout.
 */
final class RollupSeed {

  private static final Logger LOG = Logger.getLogger(RollupSeed.class.getName());

  private static final String SITES =
      """
      INSERT INTO site (site_id, url, labels, last_result_id, last_checked_at, last_status,
                        last_reason, last_message, last_http_status, last_duration_us, state_since)
      SELECT 'site-' || lpad(g::text, 6, '0'), 'https://site-' || g || '.example/',
             jsonb_build_object('team', 'team-' || g % 20,
                                'env', CASE WHEN g % 3 = 0 THEN 'staging' ELSE 'prod' END),
             gen_random_uuid(), now() - (g % 10) * interval '1 second',
             CASE WHEN g % 50 = 0 THEN 'DOWN' ELSE 'UP' END,
             CASE WHEN g % 50 = 0 THEN 'TIMEOUT' END,
             CASE WHEN g % 50 = 0 THEN 'no answer within 5s' END,
             CASE WHEN g % 50 = 0 THEN NULL ELSE 200 END,
             CASE WHEN g % 50 = 0 THEN 5000000 ELSE 40000 + g % 200 * 1000 END,
             now() - (g % 1000) * interval '1 minute'
      FROM generate_series(1, ?) AS g""";

  /** 360 checks an hour; a DOWN site's current hour failed, and one hour in 97 has a timeout. */
  private static final String HOURS =
      """
      INSERT INTO site_hour (site_id, hour, checks, checks_up, duration_us_sum, duration_buckets,
                             reasons)
      SELECT site_id, hour, 360, 360 - failed,
             (360 - failed) * 45000::bigint + failed * 5000000::bigint,
             CASE WHEN failed = 0 THEN '{"50": 300, "100": 60}'::jsonb
                  ELSE jsonb_strip_nulls(jsonb_build_object(
                           '50', nullif(360 - failed - (360 - failed) / 6, 0),
                           '100', nullif((360 - failed) / 6, 0), '5000', failed))
             END,
             CASE WHEN failed = 0 THEN '{}'::jsonb ELSE jsonb_build_object('TIMEOUT', failed) END
      FROM (SELECT s.site_id, h.hour,
                   CASE WHEN s.last_status = 'DOWN' AND h.n = 0 THEN 360
                        WHEN (abs(hashtext(s.site_id)) + extract(epoch FROM h.hour)::bigint / 3600)
                             % 97 = 0 THEN 1
                        ELSE 0 END AS failed
            FROM site AS s
            CROSS JOIN (SELECT n, date_trunc('hour', now(), 'UTC') - n * interval '1 hour' AS hour
                        FROM generate_series(0, ? * 24 - 1) AS n) AS h
            WHERE s.site_id LIKE 'site-%') AS hours""";

  /** 8,640 checks a day; one day in 13 has a few timeouts, a DOWN site's today many. */
  private static final String DAYS =
      """
      INSERT INTO site_day (site_id, day, checks, checks_up, duration_us_sum, duration_buckets,
                            reasons)
      SELECT site_id, day, 8640, 8640 - failed,
             (8640 - failed) * 45000::bigint + failed * 5000000::bigint,
             jsonb_build_object('50', 8640 - failed - (8640 - failed) / 6,
                                '100', (8640 - failed) / 6)
                 || CASE WHEN failed = 0 THEN '{}'::jsonb
                         ELSE jsonb_build_object('5000', failed) END,
             CASE WHEN failed = 0 THEN '{}'::jsonb ELSE jsonb_build_object('TIMEOUT', failed) END
      FROM (SELECT s.site_id, d.day,
                   CASE WHEN s.last_status = 'DOWN' AND d.n = 0 THEN 2000
                        WHEN (abs(hashtext(s.site_id)) + (d.day - DATE '1970-01-01')) % 13 = 0
                             THEN 6
                        ELSE 0 END AS failed
            FROM site AS s
            CROSS JOIN (SELECT n, (now() AT TIME ZONE 'UTC')::date - n AS day
                        FROM generate_series(0, ? - 1) AS n) AS d
            WHERE s.site_id LIKE 'site-%') AS days""";

  private RollupSeed() {}

  /**
   * Seeds {@code sites} sites, {@code hourlyDays} days of hourly rollups and {@code dailyDays} of
   * daily ones, then vacuums and analyses the tables, as autovacuum would have by then.
   */
  static void seed(BenchStack stack, int sites, int hourlyDays, int dailyDays) throws SQLException {
    try (Connection db = stack.database()) {
      run(db, "sites", SITES, sites);
      run(db, "hourly rollups", HOURS, hourlyDays);
      run(db, "daily rollups", DAYS, dailyDays);
      long start = System.nanoTime();
      try (Statement vacuum = db.createStatement()) {
        vacuum.execute("VACUUM ANALYZE site, site_hour, site_day");
      }
      LOG.log(Level.INFO, "Vacuumed and analysed in {0} s", seconds(start));
    }
  }

  private static void run(Connection db, String what, String sql, int parameter)
      throws SQLException {
    long start = System.nanoTime();
    try (PreparedStatement insert = db.prepareStatement(sql)) {
      insert.setInt(1, parameter);
      int rows = insert.executeUpdate();
      LOG.log(
          Level.INFO, "Seeded {0} rows of {1} in {2} s", new Object[] {rows, what, seconds(start)});
    }
  }

  private static String seconds(long startNanos) {
    return String.format(Locale.ROOT, "%.1f", (System.nanoTime() - startNanos) / 1e9);
  }
}
