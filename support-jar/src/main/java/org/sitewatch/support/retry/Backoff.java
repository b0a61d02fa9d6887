package org.sitewatch.support.retry;

import java.time.Duration;
import java.util.Objects;

/**
 * Delays between attempts at something that waits for the outside world (the database, Kafka, a
 * notification channel): doubling from {@code first} up to {@code max}. A retry loop takes them in
 * turn with {@link #next()} (not thread-safe); a retry that outlives the loop, such as a
 * notification's next attempt kept in the database, asks for the delay after its n-th failure with
 * {@link #afterFailures(int)}.
 */
public final class Backoff {

  private final Duration first;
  private final Duration max;
  private int failures;

  public Backoff(Duration first, Duration max) {
    Objects.requireNonNull(first, "first");
    Objects.requireNonNull(max, "max");
    if (first.isNegative() || first.isZero() || max.compareTo(first) < 0) {
      throw new IllegalArgumentException("need 0 < first <= max, got " + first + " and " + max);
    }
    this.first = first;
    this.max = max;
  }

  /** The delay before the next attempt. */
  public Duration next() {
    return afterFailures(++failures);
  }

  /** The delay after {@code failures} failed attempts in a row (at least 1). */
  public Duration afterFailures(int failures) {
    if (failures < 1) {
      throw new IllegalArgumentException("failures must be >= 1, got " + failures);
    }
    Duration delay = first;
    for (int i = 1; i < failures && delay.compareTo(max) < 0; i++) {
      delay = delay.compareTo(max.dividedBy(2)) > 0 ? max : delay.multipliedBy(2);
    }
    return delay;
  }
}
