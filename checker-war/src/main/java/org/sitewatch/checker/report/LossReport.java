package org.sitewatch.checker.report;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Counts what was lost (results not delivered, probes not made) and decides when to say so: the
 * first loss at once, then one summary at most every {@code every}, so that an outage is never
 * silent and never floods the log either.
 */
public final class LossReport {

  private final Clock clock;
  private final Duration every;
  private final String what;
  private long total;
  private long unreported;
  private Instant lastReport;

  /**
   * @param what the loss as the log line names it, counted: "result(s) dropped"
   */
  public LossReport(Clock clock, Duration every, String what) {
    this.clock = clock;
    this.every = every;
    this.what = what;
  }

  /** Counts one loss; returns the line to log now, if it is time for one. */
  public synchronized Optional<String> lost(String siteId, String reason) {
    total++;
    unreported++;
    Instant now = clock.instant();
    if (lastReport != null && now.isBefore(lastReport.plus(every))) {
      return Optional.empty();
    }
    String line =
        unreported
            + " "
            + what
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

  public synchronized long total() {
    return total;
  }
}
