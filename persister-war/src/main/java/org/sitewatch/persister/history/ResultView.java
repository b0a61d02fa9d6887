package org.sitewatch.persister.history;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

/** One stored check result, as the API shows it. Durations in milliseconds, to the microsecond. */
public record ResultView(
    UUID id,
    String siteId,
    String url,
    Instant startedAt,
    BigDecimal durationMs,
    Integer httpStatus,
    Boolean regexMatched,
    String status,
    String reason,
    String message,
    Instant storedAt) {

  static BigDecimal millis(long micros) {
    return BigDecimal.valueOf(micros, 3);
  }
}
