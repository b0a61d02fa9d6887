package org.sitewatch.persister.uptime;

import jakarta.json.Json;
import jakarta.json.JsonNumber;
import jakarta.json.JsonReader;
import jakarta.json.JsonReaderFactory;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.util.Map;
import java.util.TreeMap;

/**
 * Results counted by duration bucket, as the rollups keep them: each bucket named by its upper
 * bound in milliseconds, the last by {@code +Inf}. Percentiles are estimated as Prometheus's
 * histogram_quantile does, linearly within the bucket they fall in.
 */
public final class DurationHistogram {

  private static final String INFINITY = "+Inf";

  /** The finite upper bounds of the buckets, as the V4 migration's sitewatch_duration_bucket. */
  private static final double[] BOUNDS = {
    5, 10, 25, 50, 75, 100, 150, 200, 300, 500, 750, 1000, 1500, 2000, 3000, 5000, 10000, 30000
  };

  /** Looked up once: {@link Json#createReader} finds the provider anew on every call. */
  private static final JsonReaderFactory READERS = Json.createReaderFactory(Map.of());

  /** Upper bound in milliseconds, {@link Double#POSITIVE_INFINITY} for the last, to count. */
  private final TreeMap<Double, Long> counts = new TreeMap<>();

  /** Reads a rollup's {@code duration_buckets} object, such as {"100": 3, "+Inf": 1}. */
  public static DurationHistogram parse(String json) {
    DurationHistogram histogram = new DurationHistogram();
    try (JsonReader reader = READERS.createReader(new StringReader(json))) {
      for (Map.Entry<String, JsonValue> bucket : reader.readObject().entrySet()) {
        histogram.add(bound(bucket.getKey()), ((JsonNumber) bucket.getValue()).longValue());
      }
    }
    return histogram;
  }

  private static double bound(String key) {
    return key.equals(INFINITY) ? Double.POSITIVE_INFINITY : Double.parseDouble(key);
  }

  void add(double upperBoundMillis, long count) {
    counts.merge(upperBoundMillis, count, Long::sum);
  }

  /** Adds another histogram's counts to this one. */
  public void add(DurationHistogram other) {
    other.counts.forEach(this::add);
  }

  public long total() {
    return counts.values().stream().mapToLong(Long::longValue).sum();
  }

  /**
   * The duration below which {@code quantile} of the results fall, in milliseconds, or null when
   * there are none. Results past the last finite bound are reported at that bound.
   */
  public Double percentile(double quantile) {
    long total = total();
    if (total == 0) {
      return null;
    }
    double rank = quantile * total;
    long below = 0;
    for (Map.Entry<Double, Long> bucket : counts.entrySet()) {
      double upper = bucket.getKey();
      long count = bucket.getValue();
      if (count > 0 && below + count >= rank) {
        double lower = lowerBound(upper);
        if (upper == Double.POSITIVE_INFINITY) {
          return lower;
        }
        return Figures.tenths(lower + (upper - lower) * (rank - below) / count);
      }
      below += count;
    }
    return counts.lastKey();
  }

  /** The bound below a bucket's: buckets with no results are absent, so it comes from the list. */
  private static double lowerBound(double upper) {
    double lower = 0;
    for (double bound : BOUNDS) {
      if (bound >= upper) {
        break;
      }
      lower = bound;
    }
    return lower;
  }
}
