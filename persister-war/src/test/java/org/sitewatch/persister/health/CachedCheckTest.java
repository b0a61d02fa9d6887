package org.sitewatch.persister.health;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class CachedCheckTest {

  @Test
  void runsTheCheckAtMostOncePerPeriod() {
    AtomicInteger runs = new AtomicInteger();
    AtomicLong nanos = new AtomicLong();
    CachedCheck<Integer> cached =
        new CachedCheck<>(runs::incrementAndGet, Duration.ofSeconds(5), nanos::get);

    assertEquals(1, cached.get(), "the first call runs the check");
    nanos.addAndGet(Duration.ofMillis(4999).toNanos());
    assertEquals(1, cached.get(), "within 5 s: the cached answer");
    nanos.addAndGet(Duration.ofMillis(1).toNanos());
    assertEquals(2, cached.get(), "after 5 s: checked again");
    assertEquals(2, runs.get());
  }
}
