package org.sitewatch.persister.ingest;

import java.time.Duration;

/**
 * Decides from periodic looks whether the incoming stream has died: records wait for this consumer
 * (or it is missing from its group), nothing waits in the writer, Kafka answers, and yet nothing is
 * delivered for a whole grace period. Waiting results in the writer mean back-pressure (the
 * connector holds deliveries at its unacked.limit), and an unanswering Kafka is readiness's
 * business, so both start the period afresh.
 *
 * <p>The condition has to hold on every look for the whole period, not just since the last
 * delivery: records arriving after an idle hour are not late the moment they are seen. A dead
 * stream stays dead until something is delivered again, which the connector never does for a stream
 * it ended.
 */
final class StallDetector {

  private final long graceNanos;
  private long seenDeliveries;
  private boolean stalling;
  private long stallingSince;
  private StreamVerdict verdict = StreamVerdict.ALIVE;

  StallDetector(Duration grace) {
    this.graceNanos = grace.toNanos();
  }

  /**
   * @param atNanos when the look was taken ({@link System#nanoTime()})
   * @param pending results handed over but not yet stored or set aside
   * @param deliveries messages delivered since start
   */
  StreamVerdict observe(long atNanos, MemberLag lag, int pending, long deliveries) {
    if (deliveries != seenDeliveries) {
      seenDeliveries = deliveries;
      stalling = false;
      verdict = StreamVerdict.ALIVE;
    }
    if (verdict.dead()) {
      return verdict;
    }
    boolean waiting = lag.measured() && pending == 0 && (!lag.member() || lag.records() > 0);
    if (!waiting) {
      stalling = false;
    } else if (!stalling) {
      stalling = true;
      stallingSince = atNanos;
    } else if (atNanos - stallingSince >= graceNanos) {
      verdict = new StreamVerdict(true, reason(lag));
    }
    return verdict;
  }

  private String reason(MemberLag lag) {
    long seconds = Duration.ofNanos(graceNanos).toSeconds();
    return lag.member()
        ? "nothing delivered for "
            + seconds
            + " s while "
            + lag.records()
            + " records wait on this consumer's partitions and nothing is pending"
        : "this consumer has been missing from its group for " + seconds + " s while Kafka answers";
  }
}
