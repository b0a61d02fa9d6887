package org.sitewatch.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class ScheduleStatsTest {

  private static final long S = 1_000_000;

  /** A window of 100 s at a 10 s interval: ten due times per site. */
  private final ScheduleStats stats = new ScheduleStats(1000 * S, 1100 * S, 10 * S);

  private void everyInterval(String site, long phase, long lag, long... skipped) {
    outer:
    for (long due = 1000 * S + phase; due < 1100 * S; due += 10 * S) {
      for (long skip : skipped) {
        if (due == 1000 * S + phase + skip * 10 * S) {
          continue outer;
        }
      }
      stats.add(site, due, due + lag);
    }
  }

  @Test
  void aSiteCheckedAtEveryDueTimeMissedNothing() {
    everyInterval("a", 3 * S, 5_000);
    assertEquals(10, stats.checks(), "ten due times in the window");
    assertEquals(0, stats.missed(List.of("a")), "nothing missed");
    assertEquals(5_000, stats.lag().p99(), "every start 5 ms late");
  }

  @Test
  void gapsInsideAndAtTheEdgesOfTheWindowAreMissedChecks() {
    everyInterval("inside", 3 * S, 0, 4, 5);
    everyInterval("first", 3 * S, 0, 0);
    everyInterval("last", 3 * S, 0, 9);
    assertEquals(2, stats.missed(List.of("inside")), "two due times skipped mid-window");
    assertEquals(1, stats.missed(List.of("first")), "the first due time skipped");
    assertEquals(1, stats.missed(List.of("last")), "the last due time skipped");
  }

  @Test
  void aSiteWithoutAnyResultMissedTheWholeWindow() {
    everyInterval("seen", 0, 0);
    assertEquals(10, stats.missed(List.of("never")), "all ten due times of a silent site");
    assertEquals(1, stats.sitesSeen(), "only the site with results was seen");
  }

  @Test
  void resultsOutsideTheWindowOrUnscheduledAreNotCounted() {
    stats.add("a", 999 * S, 999 * S);
    stats.add("a", 1100 * S, 1100 * S);
    stats.add("a", null, 1050 * S);
    assertEquals(0, stats.checks(), "no due time in the window");
    assertEquals(1, stats.unscheduled(), "the unscheduled probe is counted apart");
  }

  @Test
  void aRedeliveredResultIsNotAGap() {
    everyInterval("a", 0, 0);
    stats.add("a", 1050 * S, 1050 * S);
    assertEquals(0, stats.missed(List.of("a")), "a duplicate due time hides nothing");
  }
}
