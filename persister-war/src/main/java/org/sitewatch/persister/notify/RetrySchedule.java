package org.sitewatch.persister.notify;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.sitewatch.support.retry.Backoff;

/**
 * When a notification that failed is tried again: backoff from 1 s doubling to a longest delay,
 * shortened by up to a fifth at random so that rows failing together do not come back together, and
 * one last attempt when the retry period ends. Past the period it is given up.
 */
final class RetrySchedule {

  static final Duration FIRST = Duration.ofSeconds(1);
  private static final double JITTER = 0.2;

  private final Backoff backoff;
  private final Duration retryPeriod;

  RetrySchedule(Duration retryPeriod, Duration maxDelay) {
    this.retryPeriod = retryPeriod;
    this.backoff = new Backoff(FIRST, maxDelay);
  }

  /**
   * The next attempt after a failed one, or empty when the notification is to be given up.
   *
   * @param random a value in [0, 1), one per failed delivery, so that a digest's notifications stay
   *     together for its next attempt
   */
  Optional<Instant> next(Notification failed, Instant now, double random) {
    Instant giveUpAt = failed.firstAttemptAt().plus(retryPeriod);
    if (!now.isBefore(giveUpAt)) {
      return Optional.empty();
    }
    Duration delay = backoff.afterFailures(Math.max(1, failed.attempts()));
    long jittered = (long) (delay.toMillis() * (1 - JITTER * random));
    Instant at = now.plusMillis(jittered);
    return Optional.of(at.isBefore(giveUpAt) ? at : giveUpAt);
  }
}
