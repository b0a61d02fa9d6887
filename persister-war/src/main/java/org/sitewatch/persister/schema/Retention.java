package org.sitewatch.persister.schema;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;

/**
 * How long check results are kept and how far ahead their partitions exist. Partitions are whole
 * UTC days: kept are the {@code days} days before today, today, and {@code daysAhead} days after.
 *
 * @param days {@code sitewatch.retention.days}
 * @param daysAhead {@code sitewatch.partitions.days-ahead}
 */
public record Retention(int days, int daysAhead) {

  public Retention {
    if (days < 1) {
      throw new IllegalArgumentException(
          "sitewatch.retention.days must be at least 1, got " + days);
    }
    // A result may start up to a day ahead; its day's partition must exist even just before the
    // hourly maintenance creates the next one.
    if (daysAhead < 2) {
      throw new IllegalArgumentException(
          "sitewatch.partitions.days-ahead must be at least 2, got " + daysAhead);
    }
  }

  /** The start of the oldest day kept: a result that started before it has no partition. */
  public Instant oldestKept(Instant now) {
    return LocalDate.ofInstant(now, ZoneOffset.UTC)
        .minusDays(days)
        .atStartOfDay(ZoneOffset.UTC)
        .toInstant();
  }
}
