package org.sitewatch.common;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.UUID;

/**
 * What one probe of one site found: the event the checker emits and the persister stores.
 *
 * <p>Times are kept to the microsecond, the precision PostgreSQL stores.
 *
 * @param id unique, time-ordered (UUIDv7) id; the persister's idempotency key
 * @param siteId the site's id from the sites file; also the Kafka record key
 * @param url the URL that was probed
 * @param startedAt when the probe started
 * @param duration how long the probe took until its outcome was known
 * @param httpStatus the HTTP status, or {@code null} when no response arrived
 * @param regexMatched whether the body matched the site's regex, or {@code null} when none is set
 *     or no body was read
 * @param outcome UP, or DOWN with a reason
 */
public record CheckResult(
    UUID id,
    String siteId,
    String url,
    Instant startedAt,
    Duration duration,
    Integer httpStatus,
    Boolean regexMatched,
    Outcome outcome) {

  public static final int MAX_SITE_ID_LENGTH = 200;
  public static final int MAX_URL_LENGTH = 2048;

  public CheckResult {
    Objects.requireNonNull(id, "id");
    requireText(siteId, "siteId", MAX_SITE_ID_LENGTH);
    requireText(url, "url", MAX_URL_LENGTH);
    Objects.requireNonNull(startedAt, "startedAt");
    Objects.requireNonNull(duration, "duration");
    Objects.requireNonNull(outcome, "outcome");
    if (duration.isNegative()) {
      throw new IllegalArgumentException("duration is negative: " + duration);
    }
    if (httpStatus != null && (httpStatus < 100 || httpStatus > 599)) {
      throw new IllegalArgumentException("httpStatus " + httpStatus + " is not in 100-599");
    }
    startedAt = startedAt.truncatedTo(ChronoUnit.MICROS);
    duration = duration.truncatedTo(ChronoUnit.MICROS);
  }

  private static void requireText(String value, String field, int maxLength) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException(field + " is missing");
    }
    if (value.length() > maxLength) {
      throw new IllegalArgumentException(
          field + " is " + value.length() + " chars, at most " + maxLength);
    }
  }
}
