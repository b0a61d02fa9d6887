package org.sitewatch.persister.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class RetentionTest {

  @Test
  void theOldestKeptIsTheUtcMidnightRetentionDaysBeforeToday() {
    Retention retention = new Retention(30, 7);

    assertEquals(
        Instant.parse("2026-03-01T00:00:00Z"),
        retention.oldestKept(Instant.parse("2026-03-31T23:59:59Z")));
    assertEquals(
        Instant.parse("2026-03-02T00:00:00Z"),
        retention.oldestKept(Instant.parse("2026-04-01T00:00:00Z")));
  }

  @Test
  void refusesLessThanADayOfRetentionOrTwoDaysAhead() {
    assertThrows(IllegalArgumentException.class, () -> new Retention(0, 7));
    assertThrows(IllegalArgumentException.class, () -> new Retention(30, 1));
  }
}
