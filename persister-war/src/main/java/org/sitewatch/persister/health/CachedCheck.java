package org.sitewatch.persister.health;

import java.time.Duration;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * Runs a check at most once per {@code cacheFor} and answers with the last result in between:
 * health endpoints are polled often and must stay cheap. Callers arriving while a check runs wait
 * for it rather than start their own.
 */
final class CachedCheck<T> {

  private final Supplier<T> check;
  private final long cacheForNanos;
  private final LongSupplier nanoClock;
  private T last;
  private long lastAt;

  CachedCheck(Supplier<T> check, Duration cacheFor, LongSupplier nanoClock) {
    this.check = check;
    this.cacheForNanos = cacheFor.toNanos();
    this.nanoClock = nanoClock;
  }

  synchronized T get() {
    long now = nanoClock.getAsLong();
    if (last == null || now - lastAt >= cacheForNanos) {
      last = check.get();
      lastAt = nanoClock.getAsLong();
    }
    return last;
  }
}
