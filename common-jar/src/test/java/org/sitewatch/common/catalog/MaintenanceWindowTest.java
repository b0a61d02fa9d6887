package org.sitewatch.common.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class MaintenanceWindowTest {

  private static final Instant START = Instant.parse("2026-12-24T22:00:00Z");

  @Test
  void aOneOffWindowCoversFromItsStartUntilItsEnd() {
    MaintenanceWindow window = new MaintenanceWindow(START, Duration.ofHours(2), Optional.empty());
    Instant end = START.plus(Duration.ofHours(2));
    assertEquals(Optional.empty(), window.endIfCovering(START.minusNanos(1000)));
    assertEquals(Optional.of(end), window.endIfCovering(START));
    assertEquals(Optional.of(end), window.endIfCovering(end.minusNanos(1000)));
    assertEquals(Optional.empty(), window.endIfCovering(end));
    assertEquals(Optional.empty(), window.endIfCovering(START.plus(Duration.ofDays(7))));
  }

  @Test
  void aRepeatingWindowCoversEachOccurrence() {
    MaintenanceWindow window =
        new MaintenanceWindow(START, Duration.ofHours(2), Optional.of(Duration.ofDays(7)));
    Instant third = START.plus(Duration.ofDays(14));
    assertEquals(
        Optional.of(third.plus(Duration.ofHours(2))),
        window.endIfCovering(third.plus(Duration.ofMinutes(90))));
    assertEquals(Optional.empty(), window.endIfCovering(third.plus(Duration.ofHours(3))));
    assertEquals(Optional.empty(), window.endIfCovering(third.minusSeconds(1)));
  }

  @Test
  void aWindowMustEndBeforeItRepeats() {
    assertThrows(
        IllegalArgumentException.class,
        () -> new MaintenanceWindow(START, Duration.ofHours(2), Optional.of(Duration.ofHours(2))));
  }
}
