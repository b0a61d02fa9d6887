package org.sitewatch.checker.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class FirstProbeSpreadTest {

  private static final long NOW = 1_796_000_000_123L;

  @Test
  void theDelayIsWithinTheIntervalAndStableForASite() {
    Duration interval = Duration.ofSeconds(30);
    for (int i = 0; i < 1000; i++) {
      long delay = FirstProbeSpread.initialDelayMillis("site-" + i, interval, NOW);
      assertTrue(delay >= 0 && delay < 30_000, "delay " + delay + " outside [0, 30000)");
      assertEquals(delay, FirstProbeSpread.initialDelayMillis("site-" + i, interval, NOW));
    }
  }

  @Test
  void aSiteKeepsItsSlotsWhoeverSchedulesItWhenever() {
    Duration interval = Duration.ofSeconds(10);
    for (int i = 0; i < 100; i++) {
      String site = "site-" + i;
      long firstSlot = NOW + FirstProbeSpread.initialDelayMillis(site, interval, NOW);
      for (long later : new long[] {1, 2_345, 9_999, 10_000, 86_400_007}) {
        long slot = NOW + later + FirstProbeSpread.initialDelayMillis(site, interval, NOW + later);
        assertEquals(
            0,
            Math.floorMod(slot - firstSlot, 10_000),
            site + " scheduled " + later + " ms later falls off its rhythm");
        assertTrue(slot >= NOW + later, "a slot in the past");
      }
    }
  }

  @Test
  void tenThousandSimilarIdsSpreadEvenlyOverTheInterval() {
    Duration interval = Duration.ofSeconds(10);
    int[] perSecond = new int[10];
    for (int i = 0; i < 10_000; i++) {
      perSecond[(int) (FirstProbeSpread.initialDelayMillis("site-" + i, interval, NOW) / 1000)]++;
    }
    for (int second = 0; second < 10; second++) {
      assertTrue(
          perSecond[second] > 850 && perSecond[second] < 1150,
          "second "
              + second
              + " got "
              + perSecond[second]
              + " of 10000 first probes, expected ~1000");
    }
  }
}
