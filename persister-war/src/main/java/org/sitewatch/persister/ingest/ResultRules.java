package org.sitewatch.persister.ingest;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.sitewatch.common.CheckResult;
import org.sitewatch.persister.schema.Retention;

/**
 * What a decoded result must satisfy to be stored, beyond what {@link CheckResult} itself checks.
 */
final class ResultRules {

  /**
   * A probe that started this long after it was due was not late but lost: no checker holds a due
   * probe for a day. Such a schedule comes from a broken clock.
   */
  static final Duration MAX_START_LAG = Duration.ofDays(1);

  private final Retention retention;
  private final Duration maxClockSkew;
  private final Clock clock;

  /**
   * @param maxClockSkew how far ahead of this server's clock a result may start: a checker's clock
   *     further ahead is broken, and its results would pin their site's state until real time
   *     caught up with them
   */
  ResultRules(Retention retention, Duration maxClockSkew, Clock clock) {
    this.retention = retention;
    this.maxClockSkew = maxClockSkew;
    this.clock = clock;
  }

  /**
   * @param key the Kafka record key, or null
   * @throws InvalidResultException naming the first rule {@code result} breaks
   */
  void check(CheckResult result, String key) {
    if (key != null && !key.equals(result.siteId())) {
      throw new InvalidResultException(
          "record key '" + key + "' is not the result's siteId '" + result.siteId() + "'");
    }
    Instant now = clock.instant();
    if (result.startedAt().isAfter(now.plus(maxClockSkew))) {
      throw new InvalidResultException(
          "startedAt "
              + result.startedAt()
              + " is more than "
              + maxClockSkew
              + " (sitewatch.persister.max-clock-skew) after now ("
              + now
              + "): the checker's clock is ahead");
    }
    Instant oldestKept = retention.oldestKept(now);
    if (result.startedAt().isBefore(oldestKept)) {
      throw new InvalidResultException(
          "startedAt "
              + result.startedAt()
              + " is before "
              + oldestKept
              + ", the oldest day kept ("
              + retention.days()
              + " days retention)");
    }
    result
        .startLag()
        .filter(lag -> lag.compareTo(MAX_START_LAG) > 0)
        .ifPresent(
            lag -> {
              throw new InvalidResultException(
                  "scheduledAt "
                      + result.scheduledAt()
                      + " is more than "
                      + MAX_START_LAG.toHours()
                      + " hours before startedAt "
                      + result.startedAt());
            });
    if (result.tlsDaysLeft() != null && !result.url().regionMatches(true, 0, "https:", 0, 6)) {
      throw new InvalidResultException(
          "tlsDaysLeft "
              + result.tlsDaysLeft()
              + " on a result for "
              + result.url()
              + ", which is not an https URL");
    }
  }
}
