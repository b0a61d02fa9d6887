package org.sitewatch.persister.uptime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class UptimeFiguresTest {

  private static final Instant NOW = Instant.parse("2026-12-03T16:30:00Z");

  private static Rollup rollup(String start, long checks, long up) {
    return new Rollup(
        Instant.parse(start),
        checks,
        up,
        checks * 100_000,
        DurationHistogram.parse("{\"100\": " + checks + "}"));
  }

  @Test
  void aWindowCountsOnlyTheRowsInIt() {
    UptimeView view =
        UptimeFigures.window(
            "shop",
            Window.H24,
            NOW,
            List.of(rollup("2026-12-02T16:00:00Z", 60, 0), rollup("2026-12-02T17:00:00Z", 60, 59)),
            List.of());
    assertEquals(Instant.parse("2026-12-02T17:00:00Z"), view.from());
    assertEquals(60, view.checks());
    assertEquals(98.333, view.uptime());
    assertEquals(100.0, view.responseTimeMs().mean());
  }

  @Test
  void uptimeShortOfEveryCheckNeverReadsAsAHundred() {
    assertEquals(99.999, Figures.uptime(1_000_000, 999_999));
    assertEquals(100.0, Figures.uptime(5, 5));
    assertNull(Figures.uptime(0, 0));
  }

  @Test
  void aSeriesHasAPointPerStepWithGapsEmpty() {
    SeriesView series =
        UptimeFigures.series(
            "shop",
            Window.H24,
            Step.H6,
            NOW,
            List.of(
                rollup("2026-12-03T13:00:00Z", 60, 60), rollup("2026-12-03T14:00:00Z", 60, 30)));
    assertEquals(5, series.points().size());
    PointView last = series.points().get(4);
    assertEquals(Instant.parse("2026-12-03T12:00:00Z"), last.at());
    assertEquals(120, last.checks());
    assertEquals(75.0, last.uptime());
    assertNull(series.points().get(0).uptime());
  }

  @Test
  void eachSiteShowsItsWindowsAndItsDays() {
    List<Rollup> days =
        List.of(rollup("2026-12-03T00:00:00Z", 10, 10), rollup("2026-11-20T00:00:00Z", 10, 0));
    Map<String, Double> uptime =
        UptimeFigures.siteUptime(NOW, List.of(rollup("2026-12-03T16:00:00Z", 4, 3)), days);
    assertEquals(Map.of("24h", 75.0, "7d", 100.0, "30d", 50.0), uptime);
    DailyView daily = UptimeFigures.daily(3, NOW, days);
    assertEquals(LocalDate.parse("2026-12-01"), daily.from());
    assertEquals(List.of(0L, 0L, 10L), daily.checks());
    assertNull(daily.uptime().get(1));
    assertEquals(100.0, daily.uptime().get(2));
  }

  @Test
  void hourlyStepsStopAtThirtyDays() {
    assertEquals(
        "step",
        org.junit.jupiter.api.Assertions.assertThrows(
                org.sitewatch.persister.history.InvalidParameterException.class,
                () -> Step.parse("1h", Window.D90))
            .parameter());
    assertEquals(Step.D1, Step.parse(null, Window.D90));
  }
}
