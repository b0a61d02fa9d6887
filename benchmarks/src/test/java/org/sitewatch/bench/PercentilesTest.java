package org.sitewatch.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class PercentilesTest {

  @Test
  void nearestRankOfOneToHundred() {
    long[] values = new long[120];
    for (int i = 0; i < 100; i++) {
      values[i] = 100 - i;
    }
    Percentiles p = Percentiles.of(values, 100);
    assertEquals(100, p.count(), "only the first count values are the sample");
    assertEquals(50, p.p50(), "p50 of 1..100");
    assertEquals(95, p.p95(), "p95 of 1..100");
    assertEquals(99, p.p99(), "p99 of 1..100");
    assertEquals(100, p.max(), "max of 1..100");
  }

  @Test
  void oneValueIsEveryPercentile() {
    Percentiles p = Percentiles.of(new long[] {7}, 1);
    assertEquals(7, p.p50(), "p50 of a single value");
    assertEquals(7, p.p99(), "p99 of a single value");
  }

  @Test
  void emptySampleIsRefused() {
    assertThrows(IllegalArgumentException.class, () -> Percentiles.of(new long[0], 0));
  }
}
