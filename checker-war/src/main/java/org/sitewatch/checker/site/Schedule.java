package org.sitewatch.checker.site;

import static org.sitewatch.checker.site.SiteRules.require;

import java.time.Duration;
import java.util.Objects;

/**
 * When a site is probed and for how long.
 *
 * @param interval time between probes, 1s to 24h
 * @param timeout how long a probe may take, longer than 0 and at most the interval
 */
public record Schedule(Duration interval, Duration timeout) {

  public static final Duration MIN_INTERVAL = Duration.ofSeconds(1);
  public static final Duration MAX_INTERVAL = Duration.ofHours(24);
  public static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(60);

  /** The timeout when none is set: 10s, or the interval when that is shorter. */
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);

  public static final Schedule DEFAULT = every(DEFAULT_INTERVAL);

  public Schedule {
    Objects.requireNonNull(interval, "interval");
    Objects.requireNonNull(timeout, "timeout");
    require(SiteRules.intervalProblem(interval));
    require(SiteRules.positiveProblem("timeout", timeout));
    require(SiteRules.timeoutProblem(timeout, interval));
  }

  /** Every interval, with the default timeout. */
  public static Schedule every(Duration interval) {
    return new Schedule(
        interval, DEFAULT_TIMEOUT.compareTo(interval) <= 0 ? DEFAULT_TIMEOUT : interval);
  }
}
