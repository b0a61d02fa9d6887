package org.sitewatch.bench;

import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * {@code checker-outage}: N farm sites at a 1 s interval while Kafka is stopped for a while and
 * started again. Reports what the checker dropped, what it delivered once Kafka was back, the most
 * heap it kept (after a full GC, sampled through the outage, so with its publish buffer at its
 * fullest) and whether it is still alive. bench/run gives the checker a 512 MiB heap for this case;
 * the persister is stopped, as results need only reach Kafka.
 */
final class CheckerOutage {

  private static final Logger LOG = Logger.getLogger(CheckerOutage.class.getName());

  private static final Duration INTERVAL = Duration.ofSeconds(1);
  private static final Duration SCHEDULE_TIMEOUT = Duration.ofMinutes(10);
  private static final Duration HEAP_SAMPLE_EVERY = Duration.ofSeconds(30);
  private static final Duration CATCH_UP_TIMEOUT = Duration.ofMinutes(10);

  private final BenchStack stack;
  private final int sites;
  private final Duration warmUp;
  private final Duration outage;

  CheckerOutage(BenchStack stack, int sites, Duration warmUp, Duration outage) {
    this.stack = stack;
    this.sites = sites;
    this.warmUp = warmUp;
    this.outage = outage;
  }

  String run() throws Exception {
    stack.control("servers/persister/stop");
    try (TargetFarm farm = new TargetFarm()) {
      FarmSites.write(stack.sitesFile(), farm, sites, INTERVAL, Duration.ofMillis(900));
      stack.awaitCheckerScheduled(sites, SCHEDULE_TIMEOUT);
      CheckerSchedule.sleepUntil(Instant.now().plus(warmUp));
      CheckerProcess checker = stack.checker();
      long droppedBefore = stack.checkerMetric("sitewatch_results_dropped");

      LOG.log(Level.INFO, "Stopping Kafka for {0} s", outage.toSeconds());
      stack.control("kafka/stop");
      Instant restart = Instant.now().plus(outage);
      double maxHeap = 0;
      while (Instant.now().isBefore(restart)) {
        Instant next = Instant.now().plus(HEAP_SAMPLE_EVERY);
        CheckerSchedule.sleepUntil(next.isBefore(restart) ? next : restart);
        maxHeap = Math.max(maxHeap, checker.heapAfterGcMib());
      }
      long deliveredBefore = stack.checkerMetric("sitewatch_results_delivered");
      stack.control("kafka/start");

      Duration caughtUp = awaitCaughtUp(restart);
      long deliveredAfter = stack.checkerMetric("sitewatch_results_delivered") - deliveredBefore;
      long dropped = stack.checkerMetric("sitewatch_results_dropped") - droppedBefore;
      return String.format(
          Locale.ROOT,
          "sites=%d outage_s=%d dropped=%d delivered_after=%d caught_up_s=%d"
              + " max_heap_after_gc_mib=%.0f alive=%b",
          sites,
          outage.toSeconds(),
          dropped,
          deliveredAfter,
          caughtUp.toSeconds(),
          maxHeap,
          stack.checkerAlive());
    }
  }

  /**
   * Waits until the backlog is sent: no more results pending than one interval produces. Returns
   * how long after the restart that was.
   */
  private Duration awaitCaughtUp(Instant restart) throws Exception {
    long deadline = System.nanoTime() + CATCH_UP_TIMEOUT.toNanos();
    while (stack.checkerMetric("sitewatch_results_pending") > sites) {
      if (System.nanoTime() - deadline > 0) {
        throw new IllegalStateException(
            "the checker still had results pending " + CATCH_UP_TIMEOUT + " after Kafka came back");
      }
      Thread.sleep(1_000);
    }
    return Duration.between(restart, Instant.now());
  }
}
