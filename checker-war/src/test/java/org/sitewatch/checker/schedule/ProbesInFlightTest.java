package org.sitewatch.checker.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class ProbesInFlightTest {

  @Test
  void stopWaitsForTheRunningProbeAndThenRefusesNewOnes() throws Exception {
    ProbesInFlight inFlight = new ProbesInFlight(10);
    CompletableFuture<Void> probe = new CompletableFuture<>();
    assertTrue(inFlight.start("site", Duration.ofSeconds(5), () -> probe));

    CompletableFuture<Void> stopped = CompletableFuture.runAsync(inFlight::stop);
    assertThrows(
        TimeoutException.class,
        () -> stopped.get(300, TimeUnit.MILLISECONDS),
        "stop must wait while a probe runs");

    probe.complete(null);
    stopped.get(5, TimeUnit.SECONDS);
    assertFalse(
        inFlight.start("site", Duration.ofSeconds(5), CompletableFuture::new),
        "no probe starts once stopping");
  }

  @Test
  void aProbeDueWhileTheMostRunIsNotStartedAndIsCounted() {
    ProbesInFlight inFlight = new ProbesInFlight(2);
    CompletableFuture<Void> first = new CompletableFuture<>();
    assertTrue(inFlight.start("a", Duration.ofSeconds(5), () -> first));
    assertTrue(inFlight.start("b", Duration.ofSeconds(5), CompletableFuture::new));

    AtomicBoolean thirdRan = new AtomicBoolean();
    assertFalse(
        inFlight.start(
            "c",
            Duration.ofSeconds(5),
            () -> {
              thirdRan.set(true);
              return new CompletableFuture<>();
            }));
    assertFalse(thirdRan.get(), "a third probe must not run while two do");
    assertEquals(1, inFlight.skippedCount());

    first.complete(null);
    assertTrue(
        inFlight.start("c", Duration.ofSeconds(5), CompletableFuture::new),
        "a finished probe makes room");
    assertEquals(1, inFlight.skippedCount());
  }

  @Test
  void stopReturnsAtOnceWhenNothingRuns() {
    ProbesInFlight inFlight = new ProbesInFlight(10);
    long started = System.nanoTime();
    inFlight.stop();
    assertTrue(System.nanoTime() - started < TimeUnit.SECONDS.toNanos(1));
  }
}
