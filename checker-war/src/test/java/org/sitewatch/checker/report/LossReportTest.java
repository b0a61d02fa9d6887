package org.sitewatch.checker.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class LossReportTest {

  /** A clock the test moves by hand. */
  private static final class HandClock extends Clock {
    private Instant now = Instant.parse("2026-11-25T12:00:00Z");

    void advance(Duration d) {
      now = now.plus(d);
    }

    @Override
    public Instant instant() {
      return now;
    }

    @Override
    public ZoneOffset getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }
  }

  @Test
  void theFirstDropIsReportedAtOnceThenOneSummaryPerInterval() {
    HandClock clock = new HandClock();
    LossReport report = new LossReport(clock, Duration.ofSeconds(30), "result(s) dropped");

    String first = report.lost("a", "buffer full").orElseThrow();
    assertEquals("1 result(s) dropped, 1 in all; last: site a: buffer full", first);
    for (int i = 0; i < 999; i++) {
      assertTrue(report.lost("b", "buffer full").isEmpty(), "no line within the interval");
    }
    clock.advance(Duration.ofSeconds(30));
    String summary = report.lost("c", "timeout").orElseThrow();
    assertEquals(
        "1000 result(s) dropped since 2026-11-25T12:00:00Z, 1001 in all; last: site c: timeout",
        summary);
    assertEquals(1001, report.total(), "every drop is counted, reported or not");
  }
}
