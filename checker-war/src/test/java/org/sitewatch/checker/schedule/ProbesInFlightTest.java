package org.sitewatch.checker.schedule;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;

class ProbesInFlightTest {

  @Test
  void stopWaitsForTheRunningProbeAndThenRefusesNewOnes() throws Exception {
    ProbesInFlight inFlight = new ProbesInFlight();
    CompletableFuture<Void> probe = new CompletableFuture<>();
    assertTrue(inFlight.start(Duration.ofSeconds(5), () -> probe));

    CompletableFuture<Void> stopped = CompletableFuture.runAsync(inFlight::stop);
    assertThrows(
        TimeoutException.class,
        () -> stopped.get(300, TimeUnit.MILLISECONDS),
        "stop must wait while a probe runs");

    probe.complete(null);
    stopped.get(5, TimeUnit.SECONDS);
    assertFalse(
        inFlight.start(Duration.ofSeconds(5), CompletableFuture::new),
        "no probe starts once stopping");
  }

  @Test
  void stopReturnsAtOnceWhenNothingRuns() {
    ProbesInFlight inFlight = new ProbesInFlight();
    long started = System.nanoTime();
    inFlight.stop();
    assertTrue(System.nanoTime() - started < TimeUnit.SECONDS.toNanos(1));
  }
}
