package org.sitewatch.persister.uptime;

/** How the API rounds the figures it derives. */
final class Figures {

  private Figures() {}

  /**
   * The percentage of checks UP, rounded down to a thousandth so that anything short of every check
   * never reads as 100; null without checks.
   */
  static Double uptime(long checks, long checksUp) {
    return checks == 0 ? null : Math.floor(checksUp * 100_000.0 / checks) / 1000;
  }

  /** Milliseconds to a tenth. */
  static double tenths(double millis) {
    return Math.round(millis * 10) / 10.0;
  }

  /** The mean duration in milliseconds of {@code checks} that took {@code micros} together. */
  static Double meanMillis(long checks, long micros) {
    return checks == 0 ? null : tenths(micros / 1000.0 / checks);
  }
}
