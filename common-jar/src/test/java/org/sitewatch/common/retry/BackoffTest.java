package org.sitewatch.common.retry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class BackoffTest {

  @Test
  void doublesUpToTheMaximumAndStaysThere() {
    Backoff backoff = new Backoff(Duration.ofMillis(100), Duration.ofMillis(500));

    assertEquals(Duration.ofMillis(100), backoff.next());
    assertEquals(Duration.ofMillis(200), backoff.next());
    assertEquals(Duration.ofMillis(400), backoff.next());
    assertEquals(Duration.ofMillis(500), backoff.next(), "capped at the maximum");
    assertEquals(Duration.ofMillis(500), backoff.next(), "stays at the maximum");
  }

  @Test
  void refusesAFirstDelayAboveTheMaximumOrNotPositive() {
    assertThrows(
        IllegalArgumentException.class,
        () -> new Backoff(Duration.ofSeconds(2), Duration.ofSeconds(1)));
    assertThrows(
        IllegalArgumentException.class, () -> new Backoff(Duration.ZERO, Duration.ofSeconds(1)));
  }
}
