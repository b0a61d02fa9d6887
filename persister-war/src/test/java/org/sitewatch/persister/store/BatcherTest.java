package org.sitewatch.persister.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class BatcherTest {

  private final AtomicLong nanos = new AtomicLong(1_000_000_000L);

  private Batcher<Integer> batcher(int maxSize, Duration linger) {
    return new Batcher<>(new BatchPolicy(maxSize, linger), nanos::get);
  }

  private void advance(Duration duration) {
    nanos.addAndGet(duration.toNanos());
  }

  @Test
  void nothingIsDueWhileEmpty() {
    Batcher<Integer> batcher = batcher(3, Duration.ofMillis(200));
    advance(Duration.ofHours(1));

    assertEquals(List.of(), batcher.takeIfDue());
  }

  @Test
  void aFullBatchIsDueAtOnce() {
    Batcher<Integer> batcher = batcher(3, Duration.ofMillis(200));
    batcher.add(1);
    batcher.add(2);
    assertEquals(List.of(), batcher.takeIfDue(), "two of three, linger not passed: not due");

    batcher.add(3);

    assertEquals(List.of(1, 2, 3), batcher.takeIfDue(), "three of three: due, oldest first");
    assertEquals(0, batcher.size());
  }

  @Test
  void aPartialBatchIsDueWhenItsOldestHasWaitedTheLinger() {
    Batcher<Integer> batcher = batcher(500, Duration.ofMillis(200));
    batcher.add(1);
    advance(Duration.ofMillis(150));
    batcher.add(2);
    advance(Duration.ofMillis(49));
    assertEquals(List.of(), batcher.takeIfDue(), "oldest waited 199 ms of 200: not due");

    advance(Duration.ofMillis(1));

    assertEquals(List.of(1, 2), batcher.takeIfDue(), "oldest waited 200 ms: due");
  }

  @Test
  void aBatchHoldsAtMostMaxSizeAndTheRestKeepTheirArrivalTime() {
    Batcher<Integer> batcher = batcher(2, Duration.ofMillis(200));
    batcher.add(1);
    batcher.add(2);
    batcher.add(3);

    assertEquals(List.of(1, 2), batcher.takeIfDue());
    assertEquals(List.of(), batcher.takeIfDue(), "one left, it has not waited the linger");
    advance(Duration.ofMillis(200));
    assertEquals(List.of(3), batcher.takeIfDue());
  }

  @Test
  void aZeroLingerMakesEveryItemDueAtOnce() {
    Batcher<Integer> batcher = batcher(500, Duration.ZERO);
    batcher.add(1);

    assertEquals(List.of(1), batcher.takeIfDue());
  }

  @Test
  void awaitBatchWakesAsSoonAsTheBatchIsFull() {
    Batcher<Integer> batcher =
        new Batcher<>(new BatchPolicy(100, Duration.ofHours(1)), System::nanoTime);
    CompletableFuture<List<Integer>> taken = CompletableFuture.supplyAsync(() -> await(batcher));

    IntStream.range(0, 100).forEach(batcher::add);

    List<Integer> batch = assertTimeoutPreemptively(Duration.ofSeconds(5), () -> taken.join());
    assertEquals(100, batch.size(), "the full batch, long before the one-hour linger");
  }

  @Test
  void awaitBatchWakesWhenTheLingerHasPassed() {
    Batcher<Integer> batcher =
        new Batcher<>(new BatchPolicy(100, Duration.ofMillis(50)), System::nanoTime);
    CompletableFuture<List<Integer>> taken = CompletableFuture.supplyAsync(() -> await(batcher));

    batcher.add(7);

    assertEquals(List.of(7), assertTimeoutPreemptively(Duration.ofSeconds(5), () -> taken.join()));
  }

  @Test
  void closeWakesTheTakerWithNothingAndRefusesMore() {
    Batcher<Integer> batcher =
        new Batcher<>(new BatchPolicy(100, Duration.ofHours(1)), System::nanoTime);
    CompletableFuture<List<Integer>> taken = CompletableFuture.supplyAsync(() -> await(batcher));

    batcher.close();

    assertTrue(assertTimeoutPreemptively(Duration.ofSeconds(5), () -> taken.join()).isEmpty());
    assertThrows(IllegalStateException.class, () -> batcher.add(1));
  }

  private static List<Integer> await(Batcher<Integer> batcher) {
    try {
      return batcher.awaitBatch();
    } catch (InterruptedException e) {
      throw new IllegalStateException(e);
    }
  }
}
