package org.sitewatch.bench;

import java.util.Arrays;

/** Nearest-rank percentiles of a sample. */
record Percentiles(int count, long p50, long p95, long p99, long max) {

  static Percentiles of(long[] values, int count) {
    if (count == 0) {
      throw new IllegalArgumentException("no values");
    }
    long[] sorted = Arrays.copyOf(values, count);
    Arrays.sort(sorted);
    return new Percentiles(
        count, rank(sorted, 50), rank(sorted, 95), rank(sorted, 99), sorted[count - 1]);
  }

  /** The smallest value with at least {@code percent} % of the sample at or below it. */
  private static long rank(long[] sorted, int percent) {
    int rank = (int) Math.ceil(percent / 100.0 * sorted.length);
    return sorted[Math.max(rank, 1) - 1];
  }
}
