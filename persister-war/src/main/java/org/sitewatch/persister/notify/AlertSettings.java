package org.sitewatch.persister.notify;

import java.time.Duration;
import org.sitewatch.support.duration.Durations;

/**
 * The sender's settings, from MicroProfile Config (so also {@code SITEWATCH_ALERTS_…} environment
 * variables, see {@link AlertConfig}), checked once at startup.
 *
 * @param retryPeriod {@code sitewatch.alerts.retry-period}: how long a notification is retried,
 *     from its first attempt, before it is FAILED
 * @param retryMaxDelay {@code sitewatch.alerts.retry-max-delay}: the longest wait between two
 *     attempts, so also how late a notification may arrive after its receiver recovers
 * @param pollInterval {@code sitewatch.alerts.poll-interval}: how often the outbox is read
 * @param claimLease {@code sitewatch.alerts.claim-lease}: how long claimed notifications are a
 *     sender's alone; those it has not settled by then (it died) are sent again, by any persister
 * @param digestAfter {@code sitewatch.alerts.digest.after}: messages a channel gets per {@code
 *     digestWindow} before the rest wait for one digest
 * @param digestWindow {@code sitewatch.alerts.digest.window}
 * @param keepDays {@code sitewatch.alerts.keep-days}: days finished notifications are kept
 * @param links links to the status page under {@code sitewatch.public-url}
 */
public record AlertSettings(
    Duration retryPeriod,
    Duration retryMaxDelay,
    Duration pollInterval,
    Duration claimLease,
    int digestAfter,
    Duration digestWindow,
    int keepDays,
    SiteLinks links) {

  /** Longer than any one send takes (HTTP 5 s + 10 s, SMTP's timeouts), so a live claim holds. */
  static final Duration SHORTEST_LEASE = Duration.ofSeconds(30);

  /** The settings as MicroProfile Config gives them, checked; names in the errors. */
  static AlertSettings of(
      Duration retryPeriod,
      Duration retryMaxDelay,
      Duration pollInterval,
      Duration claimLease,
      int digestAfter,
      Duration digestWindow,
      int keepDays,
      String publicUrl) {
    return new AlertSettings(
        positive("sitewatch.alerts.retry-period", retryPeriod),
        atLeast("sitewatch.alerts.retry-max-delay", RetrySchedule.FIRST, retryMaxDelay),
        positive("sitewatch.alerts.poll-interval", pollInterval),
        atLeast("sitewatch.alerts.claim-lease", SHORTEST_LEASE, claimLease),
        atLeastOne("sitewatch.alerts.digest.after", digestAfter),
        positive("sitewatch.alerts.digest.window", digestWindow),
        atLeastOne("sitewatch.alerts.keep-days", keepDays),
        new SiteLinks(publicUrl));
  }

  private static Duration positive(String name, Duration value) {
    if (value.isNegative() || value.isZero()) {
      throw new IllegalArgumentException(
          name + " must be longer than 0, got " + Durations.format(value));
    }
    return value;
  }

  private static Duration atLeast(String name, Duration least, Duration value) {
    if (value.compareTo(least) < 0) {
      throw new IllegalArgumentException(
          name
              + " must be at least "
              + Durations.format(least)
              + ", got "
              + Durations.format(value));
    }
    return value;
  }

  private static int atLeastOne(String name, int value) {
    if (value < 1) {
      throw new IllegalArgumentException(name + " must be at least 1, got " + value);
    }
    return value;
  }
}
