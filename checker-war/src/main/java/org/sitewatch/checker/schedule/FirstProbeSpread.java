package org.sitewatch.checker.schedule;

import java.time.Duration;

/**
 * When a site is probed first. Thousands of sites read at startup must not fire together; a stable
 * hash of the site id spreads them evenly. The phase is fixed against the clock, not against the
 * start: a site keeps its rhythm across restarts and when it moves to another checker, whose probes
 * then fall where this one's would have.
 */
final class FirstProbeSpread {

  private FirstProbeSpread() {}

  /**
   * The delay in {@code [0, interval)} milliseconds from {@code nowMillis} (epoch milliseconds) to
   * the site's next slot: the instants {@code phase + k * interval}, phase fixed by its id.
   */
  static long initialDelayMillis(String siteId, Duration interval, long nowMillis) {
    long intervalMillis = Math.max(1, interval.toMillis());
    long phase = Math.floorMod(mix(siteId.hashCode()), intervalMillis);
    return Math.floorMod(phase - nowMillis, intervalMillis);
  }

  // String.hashCode clusters for similar ids (site-1, site-2, …); a 64-bit finaliser spreads them.
  private static long mix(long h) {
    h ^= h >>> 33;
    h *= 0xff51afd7ed558ccdL;
    h ^= h >>> 33;
    h *= 0xc4ceb9fe1a85ec53L;
    h ^= h >>> 33;
    return h;
  }
}
