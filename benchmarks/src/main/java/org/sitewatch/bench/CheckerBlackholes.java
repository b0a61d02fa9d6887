package org.sitewatch.bench;

import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.sitewatch.common.CheckResult;
import org.sitewatch.common.Reason;

/**
 * {@code checker-blackholes}: N sites at a 10 s interval, of which some point at a {@link
 * BlackholeServer} (connection accepted, never answered: 5 s timeout, 1 retry, so each one holds a
 * probe for its whole interval) and the rest at the farm. Over a window after a warm-up: whether
 * the answering sites stay UP and on time while the blackholes time out, and how many threads and
 * how much heap the checker needs meanwhile. Only the checker, Kafka and the servers run: the
 * persister is stopped.
 */
final class CheckerBlackholes {

  private static final Logger LOG = Logger.getLogger(CheckerBlackholes.class.getName());

  /** The blackhole server's port, in the README's list of benchmark ports. */
  static final int PORT = 29193;

  private static final String BLACKHOLE_PREFIX = FarmSites.PREFIX + "blackhole-";
  private static final Duration INTERVAL = Duration.ofSeconds(10);
  private static final Duration SCHEDULE_TIMEOUT = Duration.ofMinutes(10);

  /**
   * Results due before the window's end arrive up to a probe (two attempts) plus delivery later.
   */
  private static final Duration DRAIN = Duration.ofSeconds(15);

  private final BenchStack stack;
  private final int sites;
  private final int blackholes;
  private final Duration warmUp;
  private final Duration window;

  CheckerBlackholes(BenchStack stack, int sites, int blackholes, Duration warmUp, Duration window) {
    if (blackholes < 0 || blackholes >= sites) {
      throw new IllegalArgumentException(
          "blackholes must be at least 0 and fewer than the sites: " + blackholes);
    }
    this.stack = stack;
    this.sites = sites;
    this.blackholes = blackholes;
    this.warmUp = warmUp;
    this.window = window;
  }

  String run() throws Exception {
    stack.control("servers/persister/stop");
    Duration lifetime = SCHEDULE_TIMEOUT.plus(warmUp).plus(window).plus(DRAIN).plusMinutes(1);
    int instant = sites - blackholes;
    try (TargetFarm farm = new TargetFarm();
        BlackholeServer hole = new BlackholeServer(PORT, lifetime)) {
      // timeout 5s, retries 1: (retries + 1) x timeout is the whole interval.
      FarmSites.write(
          stack.sitesFile(),
          farm,
          instant,
          INTERVAL,
          Duration.ofSeconds(5),
          out -> {
            for (int i = 0; i < blackholes; i++) {
              out.write(
                  String.format(
                      "  - id: %s%06d\n    url: %s\n    timeout: 5s\n    retries: 1\n",
                      BLACKHOLE_PREFIX, i, hole.url(i)));
            }
          });
      stack.awaitCheckerScheduled(sites, SCHEDULE_TIMEOUT);

      Instant from = Instant.now().plus(warmUp);
      Instant to = from.plus(window);
      long fromMicros = ResultTap.micros(from);
      long toMicros = ResultTap.micros(to);
      ScheduleStats stats = new ScheduleStats(fromMicros, toMicros, INTERVAL.toNanos() / 1_000);
      AtomicLong falseDown = new AtomicLong();
      AtomicLong timeouts = new AtomicLong();
      CheckerProcess checker = stack.checker();
      int threadsMax = 0;
      try (ResultTap tap =
          new ResultTap(
              stack.kafkaBootstrapServers(),
              r -> {
                Long due = r.scheduledAt() == null ? null : ResultTap.micros(r.scheduledAt());
                long dueOrStart = due == null ? ResultTap.micros(r.startedAt()) : due;
                boolean inWindow = dueOrStart >= fromMicros && dueOrStart < toMicros;
                if (r.siteId().startsWith(BLACKHOLE_PREFIX)) {
                  if (inWindow && r.outcome().reason() == Reason.TIMEOUT) {
                    timeouts.incrementAndGet();
                  }
                  return;
                }
                stats.add(r.siteId(), due, ResultTap.micros(r.startedAt()));
                if (inWindow && !r.outcome().isUp()) {
                  falseDown.incrementAndGet();
                  logFirstDowns(r, falseDown.get());
                }
              })) {
        CheckerSchedule.sleepUntil(from);
        long acceptedAtStart = hole.accepted();
        LOG.log(Level.INFO, "Measuring for {0} s", window.toSeconds());
        for (Instant sample = from; sample.isBefore(to); sample = sample.plusSeconds(1)) {
          CheckerSchedule.sleepUntil(sample);
          threadsMax = Math.max(threadsMax, checker.threads());
        }
        CheckerSchedule.sleepUntil(to);
        LOG.log(
            Level.INFO,
            "The blackhole server accepted {0} connections in the window",
            hole.accepted() - acceptedAtStart);
        CheckerSchedule.sleepUntil(to.plus(DRAIN));
      }
      Percentiles lag = stats.lag();
      return String.format(
          Locale.ROOT,
          "sites=%d blackholes=%d interval_s=%d window_s=%d false_down=%d p99_lag_ms=%.1f"
              + " max_lag_ms=%.1f threads_max=%d heap_after_gc_mib=%.0f blackhole_timeouts=%d",
          sites,
          blackholes,
          INTERVAL.toSeconds(),
          window.toSeconds(),
          falseDown.get(),
          lag.p99() / 1000.0,
          lag.max() / 1000.0,
          threadsMax,
          checker.heapAfterGcMib(),
          timeouts.get());
    }
  }

  /** The first few false DOWNs say why in the log; the summary only counts them. */
  private static void logFirstDowns(CheckResult r, long nth) {
    if (nth <= 5) {
      LOG.log(
          Level.WARNING,
          "{0} DOWN ({1}): {2}",
          new Object[] {r.siteId(), r.outcome().reason(), r.outcome().message()});
    }
  }
}
