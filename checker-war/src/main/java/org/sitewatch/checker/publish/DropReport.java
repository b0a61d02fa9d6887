package org.sitewatch.checker.publish;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Counts results that could not be delivered and decides when to say so: the first drop at once,
 * then one summary at most every {@code every}, so that an outage is never silent and never floods
 * the log either.
 */
final class DropReport {

  private final Clock clock;
  private final Duration every;
  private long total;
  private long unreported;
  private Instant lastReport;

  DropReport(Clock clock, Duration every) {
    this.clock = clock;
    this.every = every;
  }

  /** Counts one drop; returns the line to log now, if it is time for one. */
  synchronized Optional<String> dropped(String siteId, String reason) {
    total++;
    unreported++;
    Instant now = clock.instant();
    if (lastReport != null && now.isBefore(lastReport.plus(every))) {
      return Optional.empty();
    }
    String line =
        unreported
            + " result(s) dropped"
            + (lastReport == null ? "" : " since " + lastReport)
            + ", "
            + total
            + " in all; last: site "
            + siteId
            + ": "
            + reason;
    lastReport = now;
    unreported = 0;
    return Optional.of(line);
  }

  synchronized long total() {
    return total;
  }
}
