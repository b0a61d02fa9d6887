package org.sitewatch.checker.schedule;

import java.time.Duration;

/**
 * Where in its first interval a site is probed first. Thousands of sites read at startup must not
 * fire together; a stable hash of the site id spreads them evenly, and keeps each site's phase the
 * same across restarts so its history has a steady rhythm.
 */
final class FirstProbeSpread {

  private FirstProbeSpread() {}

  /** A delay in {@code [0, interval)} milliseconds, fixed for the site id. */
  static long initialDelayMillis(String siteId, Duration interval) {
    long intervalMillis = Math.max(1, interval.toMillis());
    return Math.floorMod(mix(siteId.hashCode()), intervalMillis);
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
