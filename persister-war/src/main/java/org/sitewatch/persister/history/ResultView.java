package org.sitewatch.persister.history;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * One stored check result, as the API shows it. Durations in milliseconds, to the microsecond.
 * {@code startLagMs} is how late the probe started after it was due ({@code scheduledAt}); both are
 * null for a probe that was not scheduled. {@code maintenance} tells a result taken during one of
 * its site's maintenance windows. {@code checker} is the instance id of the checker that probed
 * (null for results of checkers that did not say), {@code location} where it probed from.
 */
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
    Instant storedAt,
    int attempts,
    Integer tlsDaysLeft,
    Map<String, String> labels,
    Instant scheduledAt,
    BigDecimal startLagMs,
    boolean maintenance,
    String checker,
    String location) {

  static BigDecimal millis(long micros) {
    return BigDecimal.valueOf(micros, 3);
  }
}
