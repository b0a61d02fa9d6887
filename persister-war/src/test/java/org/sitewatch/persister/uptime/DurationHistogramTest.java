package org.sitewatch.persister.uptime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

class DurationHistogramTest {

  @Test
  void interpolatesWithinTheBucketAPercentileFallsIn() {
    DurationHistogram histogram = DurationHistogram.parse("{\"100\": 50, \"200\": 50}");
    assertEquals(100.0, histogram.percentile(0.5));
    assertEquals(195.0, histogram.percentile(0.95));
    assertEquals(80.0, DurationHistogram.parse("{\"100\": 10}").percentile(0.2));
    assertEquals(
        2970.0,
        DurationHistogram.parse("{\"100\": 2, \"3000\": 1}").percentile(0.99),
        "an empty bucket below still bounds the one a percentile falls in");
  }

  @Test
  void resultsPastTheLastBoundReadAsThatBound() {
    DurationHistogram histogram = DurationHistogram.parse("{\"30000\": 1, \"+Inf\": 9}");
    assertEquals(30000.0, histogram.percentile(0.99));
  }

  @Test
  void addsHistogramsBucketByBucket() {
    DurationHistogram total = DurationHistogram.parse("{\"5\": 1}");
    total.add(DurationHistogram.parse("{\"5\": 2, \"10\": 1}"));
    assertEquals(4, total.total());
    assertEquals(5.0, total.percentile(0.75));
  }

  @Test
  void noChecksNoPercentile() {
    assertNull(DurationHistogram.parse("{}").percentile(0.5));
  }
}
