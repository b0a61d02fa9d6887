package org.sitewatch.persister.uptime;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Works out what the API shows from a site's rollup rows. */
final class UptimeFigures {

  /** The windows each site of a list shows. */
  static final List<Window> SITE_WINDOWS = List.of(Window.H24, Window.D7, Window.D30);

  private UptimeFigures() {}

  static UptimeView window(
      String siteId,
      Window window,
      Instant now,
      List<Rollup> rollups,
      List<StateChangeView> stateChanges) {
    Instant from = window.from(now);
    Total total = new Total();
    rollups.stream().filter(r -> !r.start().isBefore(from)).forEach(total::add);
    return new UptimeView(
        siteId,
        window.text(),
        from,
        now,
        total.checks,
        total.checksUp,
        Figures.uptime(total.checks, total.checksUp),
        new ResponseTimeView(
            Figures.meanMillis(total.checks, total.durationMicros),
            total.durations.percentile(0.5),
            total.durations.percentile(0.95),
            total.durations.percentile(0.99)),
        stateChanges);
  }

  /** One point per step from the window's start to now, each from the rollups it covers. */
  static SeriesView series(
      String siteId, Window window, Step step, Instant now, List<Rollup> rollups) {
    TreeMap<Instant, Total> points = new TreeMap<>();
    for (Instant at = step.floor(window.from(now)); !at.isAfter(now); at = at.plus(step.width())) {
      points.put(at, new Total());
    }
    for (Rollup rollup : rollups) {
      Total point = points.get(step.floor(rollup.start()));
      if (point != null) {
        point.add(rollup);
      }
    }
    List<PointView> views = new ArrayList<>(points.size());
    points.forEach(
        (at, total) ->
            views.add(
                new PointView(
                    at,
                    total.checks,
                    Figures.uptime(total.checks, total.checksUp),
                    Figures.meanMillis(total.checks, total.durationMicros),
                    total.durations.percentile(0.95))));
    return new SeriesView(siteId, window.text(), step.text(), views);
  }

  /** Uptime over {@link #SITE_WINDOWS}: 24h from the hourly rows, the others from the daily. */
  static Map<String, Double> siteUptime(Instant now, List<Rollup> hours, List<Rollup> days) {
    Map<String, Double> uptime = new LinkedHashMap<>();
    for (Window window : SITE_WINDOWS) {
      Instant from = window.from(now);
      Total total = new Total();
      (window.hourly() ? hours : days)
          .stream().filter(r -> !r.start().isBefore(from)).forEach(total::add);
      uptime.put(window.text(), Figures.uptime(total.checks, total.checksUp));
    }
    return uptime;
  }

  /** The last {@code count} UTC days, today last, each with its checks and uptime. */
  static DailyView daily(int count, Instant now, List<Rollup> days) {
    Map<LocalDate, Rollup> byDay = new HashMap<>();
    days.forEach(r -> byDay.put(LocalDate.ofInstant(r.start(), ZoneOffset.UTC), r));
    LocalDate from = LocalDate.ofInstant(now, ZoneOffset.UTC).minusDays(count - 1L);
    List<Long> checks = new ArrayList<>(count);
    List<Double> uptime = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      Rollup rollup = byDay.get(from.plusDays(i));
      checks.add(rollup == null ? 0L : rollup.checks());
      uptime.add(rollup == null ? null : Figures.uptime(rollup.checks(), rollup.checksUp()));
    }
    return new DailyView(from, checks, uptime);
  }

  /** Rollup rows added up. */
  private static final class Total {
    long checks;
    long checksUp;
    long durationMicros;
    final DurationHistogram durations = new DurationHistogram();

    void add(Rollup rollup) {
      checks += rollup.checks();
      checksUp += rollup.checksUp();
      durationMicros += rollup.durationMicros();
      durations.add(rollup.durations());
    }
  }
}
