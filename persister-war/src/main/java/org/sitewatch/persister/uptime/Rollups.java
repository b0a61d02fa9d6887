package org.sitewatch.persister.uptime;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.sitewatch.persister.jdbc.JdbcReads;

/**
 * Reads the hourly and daily rollups and the state changes (never the raw results), through the
 * history API's pool of its own. Plain JDBC: a page of a thousand sites reads tens of thousands of
 * rollup rows, which JPA's native queries turn into records many times slower than the database
 * sends them.
 */
@ApplicationScoped
public class Rollups {

  /** Per row: site, start (epoch seconds), checks, checks UP, duration sum, histogram. */
  private static final String HOURS =
      "SELECT site_id, extract(epoch FROM hour)::bigint, checks, checks_up, duration_us_sum,"
          + " duration_buckets::text FROM site_hour"
          + " WHERE site_id = ANY(?) AND hour >= to_timestamp(?)";

  /** Per site, one row: its first hour, and its hours' checks, checks UP and duration sum. */
  private static final String HOURS_SUMMED =
      "SELECT site_id, extract(epoch FROM min(hour))::bigint, sum(checks), sum(checks_up),"
          + " sum(duration_us_sum), NULL FROM site_hour"
          + " WHERE site_id = ANY(?) AND hour >= to_timestamp(?) GROUP BY site_id";

  private static final String DAYS =
      "SELECT site_id, (day - DATE '1970-01-01')::bigint * 86400, checks, checks_up,"
          + " duration_us_sum, %s FROM site_day"
          + " WHERE site_id = ANY(?) AND day >= (to_timestamp(?) AT TIME ZONE 'UTC')::date";

  private static final String DAYS_WITH_HISTOGRAM = DAYS.formatted("duration_buckets::text");
  private static final String DAYS_WITHOUT_HISTOGRAM = DAYS.formatted("NULL");

  /** Enough for any window's chart; a site flapping more than this shows its latest changes. */
  private static final int MAX_STATE_CHANGES = 1000;

  @Resource(lookup = "jdbc/sitewatch-read")
  DataSource dataSource;

  /** The window's figures and its changes of state. */
  public UptimeView uptime(String siteId, Window window, Instant now) {
    return UptimeFigures.window(
        siteId, window, now, windowRollups(siteId, window, now), stateChanges(siteId, window, now));
  }

  /** The window's figures alone, without reading its changes of state (badges). */
  public UptimeView figures(String siteId, Window window, Instant now) {
    return UptimeFigures.window(siteId, window, now, windowRollups(siteId, window, now), List.of());
  }

  private List<Rollup> windowRollups(String siteId, Window window, Instant now) {
    return rollups(withHistogram(window.hourly()), List.of(siteId), window.from(now))
        .getOrDefault(siteId, List.of());
  }

  public SeriesView series(String siteId, Window window, Step step, Instant now) {
    Instant from = step.floor(window.from(now));
    List<Rollup> rollups =
        rollups(withHistogram(step.hourly()), List.of(siteId), from)
            .getOrDefault(siteId, List.of());
    return UptimeFigures.series(siteId, window, step, now, rollups);
  }

  /** Each site's uptime per window and, when {@code days} > 0, its last {@code days} days. */
  public Map<String, SiteFigures> forSites(List<String> siteIds, int days, Instant now) {
    if (siteIds.isEmpty()) {
      return Map.of();
    }
    Instant firstDay = Window.startOfDays(now, Math.max(days, Window.D30.days()));
    Map<String, List<Rollup>> hours = rollups(HOURS_SUMMED, siteIds, Window.H24.from(now));
    Map<String, List<Rollup>> daily = rollups(DAYS_WITHOUT_HISTOGRAM, siteIds, firstDay);
    Map<String, SiteFigures> figures = new HashMap<>();
    for (String siteId : siteIds) {
      List<Rollup> siteDays = daily.getOrDefault(siteId, List.of());
      figures.put(
          siteId,
          new SiteFigures(
              UptimeFigures.siteUptime(now, hours.getOrDefault(siteId, List.of()), siteDays),
              days == 0 ? null : UptimeFigures.daily(days, now, siteDays)));
    }
    return figures;
  }

  public SummaryView summary() {
    Map<String, Long> byState = new LinkedHashMap<>();
    byState.put("UP", 0L);
    byState.put("DOWN", 0L);
    read(
        "SELECT last_status, count(*) FROM site GROUP BY 1 ORDER BY 1",
        statement -> {},
        row -> byState.put(row.getString(1), row.getLong(2)));
    return new SummaryView(byState.values().stream().mapToLong(Long::longValue).sum(), byState);
  }

  private List<StateChangeView> stateChanges(String siteId, Window window, Instant now) {
    List<StateChangeView> changes = new ArrayList<>();
    read(
        "SELECT (extract(epoch FROM changed_at) * 1000000)::bigint, from_status, to_status"
            + " FROM site_state_change WHERE site_id = ? AND changed_at >= to_timestamp(?)"
            + " ORDER BY changed_at DESC LIMIT "
            + MAX_STATE_CHANGES,
        statement -> {
          statement.setString(1, siteId);
          statement.setLong(2, window.from(now).getEpochSecond());
        },
        row ->
            changes.add(
                new StateChangeView(
                    Instant.EPOCH.plus(row.getLong(1), ChronoUnit.MICROS),
                    row.getString(2),
                    row.getString(3))));
    Collections.reverse(changes);
    return changes;
  }

  private static String withHistogram(boolean hourly) {
    return hourly ? HOURS : DAYS_WITH_HISTOGRAM;
  }

  /** The rows of {@code sql} (one of the above) for these sites from {@code from} on, by site. */
  private Map<String, List<Rollup>> rollups(String sql, List<String> siteIds, Instant from) {
    Map<String, List<Rollup>> bySite = new HashMap<>();
    read(
        sql,
        statement -> {
          statement.setArray(1, statement.getConnection().createArrayOf("text", siteIds.toArray()));
          statement.setLong(2, from.getEpochSecond());
        },
        row -> {
          String buckets = row.getString(6);
          bySite
              .computeIfAbsent(row.getString(1), id -> new ArrayList<>())
              .add(
                  new Rollup(
                      Instant.ofEpochSecond(row.getLong(2)),
                      row.getLong(3),
                      row.getLong(4),
                      row.getLong(5),
                      buckets == null
                          ? new DurationHistogram()
                          : DurationHistogram.parse(buckets)));
        });
    return bySite;
  }

  private void read(String sql, JdbcReads.Parameters parameters, JdbcReads.RowReader reader) {
    JdbcReads.read(dataSource, "the rollups", sql, parameters, reader);
  }
}
