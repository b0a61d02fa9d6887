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
 * delivery: records arriving after an idle hour are not late the moment they are seen. A look while
 * the group rebalances neither starts nor ends the period (the member's partitions are in flux). A
 * dead stream stays dead until something is delivered again, which the connector never does for a
 * stream it ended.
 *
 * <p>A stream that delivers can still be stuck: an {@link OffsetGap} on one of its partitions, seen
 * for the whole period, means that partition's offset is never committed again.
 */
final class StallDetector {

  private final long graceNanos;
  private long seenDeliveries;
  private boolean stalling;
  private long stallingSince;
  private StreamVerdict verdict = StreamVerdict.ALIVE;
  private boolean gapped;
  private long gappedSince;
  private StreamVerdict gapVerdict = StreamVerdict.ALIVE;

  StallDetector(Duration grace) {
    this.graceNanos = grace.toNanos();
  }

  /**
   * @param atNanos when the look was taken ({@link System#nanoTime()})
   * @param pending results handed over but not yet stored or set aside
   * @param deliveries messages delivered since start
   */
  StreamVerdict observe(long atNanos, MemberLag lag, int pending, long deliveries) {
    StreamVerdict stream = observeDeliveries(atNanos, lag, pending, deliveries);
    return stream.dead() ? stream : observeGaps(atNanos, lag);
  }

  private StreamVerdict observeDeliveries(
      long atNanos, MemberLag lag, int pending, long deliveries) {
    if (deliveries != seenDeliveries) {
      seenDeliveries = deliveries;
      stalling = false;
      verdict = StreamVerdict.ALIVE;
    }
    if (verdict.dead() || lag.rebalancing()) {
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

  /** An unanswered look neither starts nor ends the period. */
  private StreamVerdict observeGaps(long atNanos, MemberLag lag) {
    if (!lag.measured()) {
      return gapVerdict;
    }
    if (lag.gaps().isEmpty()) {
      gapped = false;
      gapVerdict = StreamVerdict.ALIVE;
    } else if (!gapped) {
      gapped = true;
      gappedSince = atNanos;
    } else if (atNanos - gappedSince >= graceNanos) {
      gapVerdict =
          new StreamVerdict(
              true,
              "records deleted from Kafka before they were stored: "
                  + lag.gaps()
                  + "; the connector commits nothing past them until a restart moves the"
                  + " group's offsets on");
    }
    return gapVerdict;
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
