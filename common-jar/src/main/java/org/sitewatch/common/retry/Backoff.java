package org.sitewatch.common.retry;

import java.time.Duration;
import java.util.Objects;

/**
 * Delays between attempts at something that waits for the outside world (the database, Kafka):
 * doubling from {@code first} up to {@code max}. One instance per retry loop; not thread-safe.
 */
public final class Backoff {

  private final Duration max;
  private Duration next;

  public Backoff(Duration first, Duration max) {
    Objects.requireNonNull(first, "first");
    Objects.requireNonNull(max, "max");
    if (first.isNegative() || first.isZero() || max.compareTo(first) < 0) {
      throw new IllegalArgumentException("need 0 < first <= max, got " + first + " and " + max);
    }
    this.max = max;
    this.next = first;
  }

  /** The delay before the next attempt. */
  public Duration next() {
    Duration delay = next;
    next = delay.compareTo(max.dividedBy(2)) > 0 ? max : delay.multipliedBy(2);
    return delay;
  }
}
