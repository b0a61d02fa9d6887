package org.sitewatch.persister.uptime;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.Query;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * Reads the hourly and daily rollups and the state changes (never the raw results), through the
 * history API's pool of its own.
 */
@ApplicationScoped
public class Rollups {

  /** Per row: site, start (epoch seconds), checks, checks UP, duration sum, histogram. */
  private static final String HOURS =
      "SELECT site_id, extract(epoch FROM hour)::bigint, checks, checks_up, duration_us_sum, %s"
          + " FROM site_hour WHERE site_id IN (%s) AND hour >= to_timestamp(?%d)";

  private static final String DAYS =
      "SELECT site_id, (day - DATE '1970-01-01')::bigint * 86400, checks, checks_up,"
          + " duration_us_sum, %s FROM site_day"
          + " WHERE site_id IN (%s) AND day >= DATE '1970-01-01' + CAST(?%d AS integer)";

  private static final String WITH_HISTOGRAM = "duration_buckets::text";
  private static final String WITHOUT_HISTOGRAM = "'{}'";

  /** Enough for any window's chart; a site flapping more than this shows its latest changes. */
  private static final int MAX_STATE_CHANGES = 1000;

  @PersistenceContext(unitName = "sitewatch-read")
  EntityManager entityManager;

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
    return rollups(List.of(siteId), window.hourly(), window.from(now), true)
        .getOrDefault(siteId, List.of());
  }

  public SeriesView series(String siteId, Window window, Step step, Instant now) {
    Instant from = step.floor(window.from(now));
    List<Rollup> rollups =
        rollups(List.of(siteId), step.hourly(), from, true).getOrDefault(siteId, List.of());
    return UptimeFigures.series(siteId, window, step, now, rollups);
  }

  /** Each site's uptime per window and, when {@code days} > 0, its last {@code days} days. */
  public Map<String, SiteFigures> forSites(List<String> siteIds, int days, Instant now) {
    if (siteIds.isEmpty()) {
      return Map.of();
    }
    Instant firstDay = Window.startOfDays(now, Math.max(days, Window.D30.days()));
    Map<String, List<Rollup>> hours = rollups(siteIds, true, Window.H24.from(now), false);
    Map<String, List<Rollup>> daily = rollups(siteIds, false, firstDay, false);
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
    @SuppressWarnings("unchecked")
    List<Object[]> rows =
        entityManager
            .createNativeQuery("SELECT last_status, count(*) FROM site GROUP BY 1 ORDER BY 1")
            .getResultList();
    Map<String, Long> byState = new LinkedHashMap<>();
    byState.put("UP", 0L);
    byState.put("DOWN", 0L);
    rows.forEach(row -> byState.put((String) row[0], ((Number) row[1]).longValue()));
    return new SummaryView(byState.values().stream().mapToLong(Long::longValue).sum(), byState);
  }

  private List<StateChangeView> stateChanges(String siteId, Window window, Instant now) {
    @SuppressWarnings("unchecked")
    List<Object[]> rows =
        entityManager
            .createNativeQuery(
                "SELECT (extract(epoch FROM changed_at) * 1000000)::bigint, from_status, to_status"
                    + " FROM site_state_change"
                    + " WHERE site_id = ?1 AND changed_at >= to_timestamp(?2)"
                    + " ORDER BY changed_at DESC LIMIT "
                    + MAX_STATE_CHANGES)
            .setParameter(1, siteId)
            .setParameter(2, window.from(now).getEpochSecond())
            .getResultList();
    List<StateChangeView> changes = new ArrayList<>(rows.size());
    for (Object[] row : rows) {
      Instant at = Instant.EPOCH.plus(((Number) row[0]).longValue(), ChronoUnit.MICROS);
      changes.add(new StateChangeView(at, (String) row[1], (String) row[2]));
    }
    Collections.reverse(changes);
    return changes;
  }

  private Map<String, List<Rollup>> rollups(
      List<String> siteIds, boolean hourly, Instant from, boolean histogram) {
    String placeholders =
        IntStream.rangeClosed(1, siteIds.size())
            .mapToObj(i -> "?" + i)
            .collect(Collectors.joining(", "));
    String sql =
        (hourly ? HOURS : DAYS)
            .formatted(
                histogram ? WITH_HISTOGRAM : WITHOUT_HISTOGRAM, placeholders, siteIds.size() + 1);
    Query query = entityManager.createNativeQuery(sql);
    for (int i = 0; i < siteIds.size(); i++) {
      query.setParameter(i + 1, siteIds.get(i));
    }
    query.setParameter(
        siteIds.size() + 1,
        hourly
            ? from.getEpochSecond()
            : (int) LocalDate.ofInstant(from, ZoneOffset.UTC).toEpochDay());
    @SuppressWarnings("unchecked")
    List<Object[]> rows = query.getResultList();
    Map<String, List<Rollup>> bySite = new HashMap<>();
    for (Object[] row : rows) {
      bySite
          .computeIfAbsent((String) row[0], id -> new ArrayList<>())
          .add(
              new Rollup(
                  Instant.ofEpochSecond(((Number) row[1]).longValue()),
                  ((Number) row[2]).longValue(),
                  ((Number) row[3]).longValue(),
                  ((Number) row[4]).longValue(),
                  DurationHistogram.parse((String) row[5])));
    }
    return bySite;
  }
}
