package org.sitewatch.checker.probe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class RetriesTest {

  private static Retries.Counted<String> run(int maxAttempts, List<String> values)
      throws Exception {
    Iterator<String> next = values.iterator();
    return Retries.run(
            maxAttempts,
            () -> CompletableFuture.supplyAsync(next::next),
            value -> value.equals("DOWN"))
        .toCompletableFuture()
        .get(10, TimeUnit.SECONDS);
  }

  @Test
  void anUpFirstAttemptIsTheOnlyOne() throws Exception {
    assertEquals(new Retries.Counted<>("UP", 1), run(3, List.of("UP")));
  }

  @Test
  void retriesUntilUp() throws Exception {
    assertEquals(new Retries.Counted<>("UP", 3), run(3, List.of("DOWN", "DOWN", "UP")));
  }

  @Test
  void stopsAtTheMostAttemptsAndKeepsTheLast() throws Exception {
    assertEquals(new Retries.Counted<>("DOWN", 2), run(2, List.of("DOWN", "DOWN", "UP")));
  }

  @Test
  void oneAttemptMeansNoRetry() throws Exception {
    AtomicInteger started = new AtomicInteger();
    Retries.Counted<String> counted =
        Retries.run(
                1,
                () -> CompletableFuture.completedFuture("DOWN#" + started.incrementAndGet()),
                value -> true)
            .toCompletableFuture()
            .get(10, TimeUnit.SECONDS);

    assertEquals(new Retries.Counted<>("DOWN#1", 1), counted);
    assertEquals(1, started.get());
  }

  @Test
  void refusesFewerThanOneAttempt() {
    assertThrows(
        IllegalArgumentException.class,
        () -> Retries.run(0, () -> CompletableFuture.completedFuture("x"), v -> false));
  }
}
