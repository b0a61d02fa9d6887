package org.sitewatch.support.retry;

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
  void theDelayAfterTheNthFailureIsTheNthDelay() {
    Backoff backoff = new Backoff(Duration.ofSeconds(1), Duration.ofMinutes(5));

    assertEquals(Duration.ofSeconds(1), backoff.afterFailures(1));
    assertEquals(Duration.ofSeconds(2), backoff.afterFailures(2));
    assertEquals(Duration.ofSeconds(256), backoff.afterFailures(9));
    assertEquals(Duration.ofMinutes(5), backoff.afterFailures(10), "capped at the maximum");
    assertEquals(Duration.ofMinutes(5), backoff.afterFailures(1_000_000), "stays at the maximum");
    assertThrows(IllegalArgumentException.class, () -> backoff.afterFailures(0));
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
