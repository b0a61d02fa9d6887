package org.sitewatch.persister.ingest;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

class StallDetectorTest {

  private static final Duration GRACE = Duration.ofSeconds(30);
  private static final MemberLag WAITING = MemberLag.of(42);

  /** Records waiting too, on a partition whose offsets 100 to 102 were deleted unstored. */
  private static final MemberLag GAPPED =
      MemberLag.of(42, List.of(new OffsetGap(new TopicPartition("results", 0), 100, 103)));

  private final StallDetector detector = new StallDetector(GRACE);

  /** Looks every 5 s from 0 to {@code seconds} with the same observation; the last verdict. */
  private StreamVerdict lookFor(int seconds, MemberLag lag, int pending, long deliveries) {
    StreamVerdict verdict = null;
    for (int at = 0; at <= seconds; at += 5) {
      verdict = detector.observe(Duration.ofSeconds(at).toNanos(), lag, pending, deliveries);
    }
    return verdict;
  }

  @Test
  void flowingIsAlive() {
    StreamVerdict verdict = null;
    for (int at = 0; at <= 120; at += 5) {
      verdict = detector.observe(Duration.ofSeconds(at).toNanos(), WAITING, 0, at);
      assertFalse(verdict.dead(), "records waiting but delivered on every look: alive at " + at);
    }
  }

  @Test
  void backPressureIsNotDead() {
    assertFalse(
        lookFor(300, WAITING, 10_000, 7).dead(),
        "records waiting behind results pending in the writer are held back, not stalled");
  }

  @Test
  void unreachableKafkaIsNotDead() {
    assertFalse(
        lookFor(300, MemberLag.unmeasured("no broker answered"), 0, 7).dead(),
        "a Kafka outage is readiness's business");
  }

  @Test
  void aRebalanceNeitherStartsNorEndsTheGracePeriod() {
    lookFor(15, WAITING, 0, 7);
    detector.observe(Duration.ofSeconds(20).toNanos(), MemberLag.duringRebalance(), 0, 7);
    detector.observe(Duration.ofSeconds(25).toNanos(), WAITING, 0, 7);
    assertTrue(
        detector.observe(Duration.ofSeconds(30).toNanos(), WAITING, 0, 7).dead(),
        "records waited 30 s with a rebalance in between: the period ran through it");

    StallDetector fresh = new StallDetector(GRACE);
    assertFalse(
        fresh.observe(0, MemberLag.duringRebalance(), 0, 7).dead()
            || fresh
                .observe(Duration.ofSeconds(30).toNanos(), MemberLag.duringRebalance(), 0, 7)
                .dead()
            || fresh.observe(Duration.ofSeconds(35).toNanos(), WAITING, 0, 7).dead(),
        "a rebalance does not start the period: records first seen waiting at 35 s");
  }

  @Test
  void idleIsNotDead() {
    assertFalse(lookFor(300, MemberLag.of(0), 0, 7).dead(), "nothing waiting: nothing to deliver");
  }

  @Test
  void waitingRecordsUndeliveredForTheGracePeriodAreDead() {
    assertFalse(lookFor(25, WAITING, 0, 7).dead(), "25 s of the 30 s grace: not yet");
    StreamVerdict verdict = detector.observe(Duration.ofSeconds(30).toNanos(), WAITING, 0, 7);
    assertTrue(verdict.dead(), "records waiting, nothing pending, nothing delivered for 30 s");
    assertTrue(verdict.reason().contains("42 records"), "the reason counts them: " + verdict);
  }

  @Test
  void missingFromTheGroupForTheGracePeriodIsDead() {
    StreamVerdict verdict = lookFor(30, MemberLag.notMember(), 0, 7);
    assertTrue(verdict.dead(), "Kafka answers but this consumer is not in its group for 30 s");
    assertTrue(verdict.reason().contains("missing"), "the reason says so: " + verdict);
  }

  @Test
  void theGracePeriodStartsWhenRecordsAreFirstSeenWaiting() {
    lookFor(3600, MemberLag.of(0), 0, 7);
    StreamVerdict verdict = detector.observe(Duration.ofSeconds(3605).toNanos(), WAITING, 0, 7);
    assertFalse(verdict.dead(), "records arriving after an idle hour are not late yet");
  }

  @Test
  void anOutageStartsTheGracePeriodAfresh() {
    lookFor(20, WAITING, 0, 7);
    detector.observe(Duration.ofSeconds(25).toNanos(), MemberLag.unmeasured("down"), 0, 7);
    assertFalse(
        detector.observe(Duration.ofSeconds(50).toNanos(), WAITING, 0, 7).dead(),
        "30 s since the first look, but Kafka did not answer in between");
  }

  @Test
  void deadStaysDeadUntilADelivery() {
    lookFor(30, WAITING, 0, 7);
    assertTrue(
        detector
            .observe(Duration.ofSeconds(35).toNanos(), MemberLag.unmeasured("down"), 0, 7)
            .dead(),
        "a Kafka outage does not bring an ended stream back");
    assertFalse(
        detector.observe(Duration.ofSeconds(40).toNanos(), WAITING, 0, 8).dead(),
        "a delivery proves it alive");
  }

  @Test
  void aGapSeenForTheGracePeriodIsDeadWhileRecordsFlow() {
    StreamVerdict verdict = null;
    for (int at = 0; at <= 25; at += 5) {
      verdict = detector.observe(Duration.ofSeconds(at).toNanos(), GAPPED, 0, at);
    }
    assertFalse(verdict.dead(), "25 s of the 30 s grace: a commit may yet move past it");
    verdict = detector.observe(Duration.ofSeconds(30).toNanos(), GAPPED, 0, 30);
    assertTrue(verdict.dead(), "delivering, but the gap stops every commit on its partition");
    assertTrue(
        verdict.reason().contains("results-0 (offsets 100 to 102, 3)"),
        "the reason names the partition and counts what was deleted: " + verdict);
    assertFalse(
        detector.observe(Duration.ofSeconds(35).toNanos(), WAITING, 0, 35).dead(),
        "the gap gone (the offset moved on): alive");
  }

  @Test
  void aGapThatClosesWithinTheGracePeriodIsAlive() {
    detector.observe(0, GAPPED, 0, 1);
    detector.observe(Duration.ofSeconds(20).toNanos(), WAITING, 0, 2);
    assertFalse(
        detector.observe(Duration.ofSeconds(30).toNanos(), GAPPED, 0, 3).dead(),
        "seen again, but not for the whole period");
  }
}
