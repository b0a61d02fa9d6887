package org.sitewatch.bench;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * What the checker did with its schedule in a window: the checks it started, how late each started
 * after it was due, and the due times that produced no result at all.
 *
 * <p>A due time is found missing from the results themselves: each result carries when its probe
 * was due, and one site's due times are one interval apart, so a gap of n intervals between two of
 * them means n - 1 checks that never ran. A site with no result in the window missed all of it.
 */
final class ScheduleStats {

  private final long fromMicros;
  private final long toMicros;
  private final long intervalMicros;
  private final Map<String, long[]> dueBySite = new HashMap<>();
  private final Map<String, Integer> countBySite = new HashMap<>();
  private long[] lagMicros = new long[1 << 16];
  private int checks;
  private int unscheduled;

  /** Results whose due time falls in [from, to) count; the rest are outside the window. */
  ScheduleStats(long fromMicros, long toMicros, long intervalMicros) {
    this.fromMicros = fromMicros;
    this.toMicros = toMicros;
    this.intervalMicros = intervalMicros;
  }

  /**
   * @param dueMicros when the probe was due, or null for a probe run outside its schedule
   */
  synchronized void add(String siteId, Long dueMicros, long startedMicros) {
    if (dueMicros == null) {
      unscheduled++;
      return;
    }
    if (dueMicros < fromMicros || dueMicros >= toMicros) {
      return;
    }
    int n = countBySite.merge(siteId, 1, Integer::sum);
    long[] due = dueBySite.computeIfAbsent(siteId, k -> new long[8]);
    if (n > due.length) {
      due = Arrays.copyOf(due, due.length * 2);
      dueBySite.put(siteId, due);
    }
    due[n - 1] = dueMicros;
    if (checks == lagMicros.length) {
      lagMicros = Arrays.copyOf(lagMicros, checks * 2);
    }
    lagMicros[checks++] = Math.max(0, startedMicros - dueMicros);
  }

  synchronized int checks() {
    return checks;
  }

  synchronized int unscheduled() {
    return unscheduled;
  }

  synchronized int sitesSeen() {
    return dueBySite.size();
  }

  /** Lag percentiles in microseconds; requires at least one check. */
  synchronized Percentiles lag() {
    return Percentiles.of(lagMicros, checks);
  }

  /** Due times in the window of the given sites that produced no result. */
  synchronized long missed(Iterable<String> siteIds) {
    long missed = 0;
    long window = toMicros - fromMicros;
    for (String site : siteIds) {
      Integer n = countBySite.get(site);
      if (n == null) {
        missed += window / intervalMicros;
        continue;
      }
      long[] due = Arrays.copyOf(dueBySite.get(site), n);
      Arrays.sort(due);
      missed += intervalsBetween(fromMicros, due[0]);
      for (int i = 1; i < n; i++) {
        missed += Math.max(0, Math.round((due[i] - due[i - 1]) / (double) intervalMicros) - 1);
      }
      missed += intervalsBetween(due[n - 1], toMicros - 1);
    }
    return missed;
  }

  /** Whole intervals that fit between two instants: due times that must lie between them. */
  private long intervalsBetween(long from, long to) {
    return Math.max(0, (to - from) / intervalMicros);
  }
}
