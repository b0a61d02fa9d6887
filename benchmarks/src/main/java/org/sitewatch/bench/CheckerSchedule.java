package org.sitewatch.bench;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.IntStream;

/**
 * {@code checker-sustained} and {@code checker-100k}: N farm sites at one interval, the checker's
 * results read back off the topic, and how well it kept its schedule over a measured window after a
 * warm-up. Only the checker, Kafka and the farm run: the persister is stopped.
 */
final class CheckerSchedule {

  private static final Logger LOG = Logger.getLogger(CheckerSchedule.class.getName());

  private static final Duration SCHEDULE_TIMEOUT = Duration.ofMinutes(10);

  private final BenchStack stack;
  private final int sites;
  private final Duration interval;
  private final Duration warmUp;
  private final Duration window;
  private final boolean reportHeap;

  CheckerSchedule(
      BenchStack stack,
      int sites,
      Duration interval,
      Duration warmUp,
      Duration window,
      boolean reportHeap) {
    this.stack = stack;
    this.sites = sites;
    this.interval = interval;
    this.warmUp = warmUp;
    this.window = window;
    this.reportHeap = reportHeap;
  }

  String run() throws Exception {
    stack.control("servers/persister/stop");
    try (TargetFarm farm = new TargetFarm()) {
      Instant written = Instant.now();
      FarmSites.write(stack.sitesFile(), farm, sites, interval, Duration.ofSeconds(5));
      int scheduled = stack.awaitCheckerScheduled(sites, SCHEDULE_TIMEOUT);
      LOG.log(
          Level.INFO,
          "{0} sites scheduled {1} s after the sites file was written",
          new Object[] {scheduled, Duration.between(written, Instant.now()).toSeconds()});

      Instant from = Instant.now().plus(warmUp);
      Instant to = from.plus(window);
      ScheduleStats stats =
          new ScheduleStats(
              ResultTap.micros(from), ResultTap.micros(to), interval.toNanos() / 1_000);
      CheckerProcess checker = stack.checker();
      double cpuAtStart;
      long requestsAtStart;
      try (ResultTap tap =
          new ResultTap(
              stack.kafkaBootstrapServers(),
              r ->
                  stats.add(
                      r.siteId(),
                      r.scheduledAt() == null ? null : ResultTap.micros(r.scheduledAt()),
                      ResultTap.micros(r.startedAt())))) {
        sleepUntil(from);
        cpuAtStart = checker.cpuSeconds();
        requestsAtStart = farm.requests();
        LOG.log(Level.INFO, "Measuring for {0} s", window.toSeconds());
        sleepUntil(to);
        double cpu = checker.cpuSeconds() - cpuAtStart;
        long probes = farm.requests() - requestsAtStart;
        // Results due before the window's end arrive up to a timeout (plus delivery) later.
        sleepUntil(to.plus(Duration.ofSeconds(10)));
        tap.close();
        List<String> ids = IntStream.range(0, sites).mapToObj(FarmSites::id).toList();
        Percentiles lag = stats.lag();
        String summary =
            String.format(
                Locale.ROOT,
                "sites=%d interval_s=%d window_s=%d scheduled=%d checks_per_s=%.0f missed=%d"
                    + " unscheduled=%d p50_lag_ms=%.1f p99_lag_ms=%.1f max_lag_ms=%.1f"
                    + " farm_requests_per_s=%.0f cpu_s_per_1k=%.3f",
                sites,
                interval.toSeconds(),
                window.toSeconds(),
                scheduled,
                stats.checks() / (double) window.toSeconds(),
                stats.missed(ids),
                stats.unscheduled(),
                lag.p50() / 1000.0,
                lag.p99() / 1000.0,
                lag.max() / 1000.0,
                probes / (double) window.toSeconds(),
                cpu / (probes / 1000.0));
        if (reportHeap) {
          summary +=
              String.format(Locale.ROOT, " heap_after_gc_mib=%.0f", checker.heapAfterGcMib());
        }
        return summary;
      }
    }
  }

  static void sleepUntil(Instant when) throws InterruptedException {
    long millis = Duration.between(Instant.now(), when).toMillis();
    if (millis > 0) {
      Thread.sleep(millis);
    }
  }
}
