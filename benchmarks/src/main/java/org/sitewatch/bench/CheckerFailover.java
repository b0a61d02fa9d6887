package org.sitewatch.bench;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * {@code checker-failover}: the stack's checker and two more in its group share N farm sites at a
 * 30 s interval; a window after they settle, one of them is SIGKILLed. Over the whole window: the
 * longest and 99th-percentile longest time between two probes of a site, the share of sites that
 * changed checker, the due times probed twice, and the checkers' CPU per 1,000 probes. The
 * persister is stopped: results are read off the topic.
 */
final class CheckerFailover {

  private static final Logger LOG = Logger.getLogger(CheckerFailover.class.getName());

  private static final Duration INTERVAL = Duration.ofSeconds(30);
  private static final Duration SCHEDULE_TIMEOUT = Duration.ofMinutes(10);

  /** Results due before the window's end arrive up to a probe plus delivery later. */
  private static final Duration DRAIN = Duration.ofSeconds(15);

  private final BenchStack stack;
  private final List<Integer> moreCheckerPorts;
  private final int sites;
  private final Duration warmUp;
  private final Duration untilKill;
  private final Duration afterKill;

  /**
   * @param moreCheckerPorts the HTTP ports of {@code checker2} and {@code checker3}
   */
  CheckerFailover(
      BenchStack stack,
      List<Integer> moreCheckerPorts,
      int sites,
      Duration warmUp,
      Duration untilKill,
      Duration afterKill) {
    if (moreCheckerPorts.size() < 2) {
      throw new IllegalArgumentException("two more checkers' ports needed: " + moreCheckerPorts);
    }
    this.stack = stack;
    this.moreCheckerPorts = moreCheckerPorts;
    this.sites = sites;
    this.warmUp = warmUp;
    this.untilKill = untilKill;
    this.afterKill = afterKill;
  }

  private record Probe(String site, String checker, Instant scheduledAt, Instant startedAt) {}

  String run() throws Exception {
    stack.control("servers/persister/stop");
    try (TargetFarm farm = new TargetFarm()) {
      FarmSites.write(stack.sitesFile(), farm, sites, INTERVAL, Duration.ofSeconds(5));
      stack.awaitCheckerScheduled(sites, SCHEDULE_TIMEOUT);
      List<URI> readiness = new ArrayList<>();
      readiness.add(URI.create("http://localhost:" + stack.checkerHttpPort() + "/health/ready"));
      for (int n = 2; n <= 3; n++) {
        stack.control("servers/checker" + n + "/start");
        readiness.add(
            URI.create("http://localhost:" + moreCheckerPorts.get(n - 2) + "/health/ready"));
      }
      for (URI uri : readiness) {
        stack.awaitOk(uri, SCHEDULE_TIMEOUT);
      }
      awaitShared(readiness);
      List<CheckerProcess> checkers =
          List.of(
              stack.checker(),
              stack.checker("sitewatch-checker-2"),
              stack.checker("sitewatch-checker-3"));

      ConcurrentLinkedQueue<Probe> probes = new ConcurrentLinkedQueue<>();
      Instant from = Instant.now().plus(warmUp);
      Instant kill = from.plus(untilKill);
      Instant to = kill.plus(afterKill);
      double[] cpuAtStart = new double[3];
      double[] cpuAtEnd = new double[3];
      try (ResultTap tap =
          new ResultTap(
              stack.kafkaBootstrapServers(),
              r ->
                  probes.add(new Probe(r.siteId(), r.checker(), r.scheduledAt(), r.startedAt())))) {
        CheckerSchedule.sleepUntil(from);
        for (int i = 0; i < 3; i++) {
          cpuAtStart[i] = checkers.get(i).cpuSeconds();
        }
        LOG.log(Level.INFO, "Measuring; SIGKILL of checker3 in {0} s", untilKill.toSeconds());
        CheckerSchedule.sleepUntil(kill);
        cpuAtEnd[2] = checkers.get(2).cpuSeconds();
        stack.control("servers/checker3/kill");
        LOG.log(Level.INFO, "checker3 killed; measuring {0} s more", afterKill.toSeconds());
        CheckerSchedule.sleepUntil(to);
        cpuAtEnd[0] = checkers.get(0).cpuSeconds();
        cpuAtEnd[1] = checkers.get(1).cpuSeconds();
        CheckerSchedule.sleepUntil(to.plus(DRAIN));
      }
      double cpu = 0;
      for (int i = 0; i < 3; i++) {
        cpu += cpuAtEnd[i] - cpuAtStart[i];
      }
      return summary(window(probes, from, to), kill, cpu);
    }
  }

  private String summary(List<Probe> probes, Instant kill, double cpuSeconds) {
    Map<String, List<Probe>> bySite = new HashMap<>();
    for (Probe probe : probes) {
      bySite.computeIfAbsent(probe.site(), s -> new ArrayList<>()).add(probe);
    }
    long[] longestGaps = new long[bySite.size()];
    int n = 0;
    int moved = 0;
    int doubles = 0;
    Instant settled = kill.plus(INTERVAL).plusSeconds(30);
    for (List<Probe> siteProbes : bySite.values()) {
      siteProbes.sort((a, b) -> a.startedAt().compareTo(b.startedAt()));
      long longest = 0;
      String before = null;
      String after = null;
      for (int i = 0; i < siteProbes.size(); i++) {
        Probe probe = siteProbes.get(i);
        if (i > 0) {
          Probe previous = siteProbes.get(i - 1);
          longest =
              Math.max(
                  longest, Duration.between(previous.startedAt(), probe.startedAt()).toMillis());
          if (Duration.between(previous.scheduledAt(), probe.scheduledAt())
                  .compareTo(INTERVAL.dividedBy(2))
              < 0) {
            doubles++;
          }
        }
        if (probe.startedAt().isBefore(kill)) {
          before = probe.checker();
        } else if (probe.startedAt().isAfter(settled) && after == null) {
          after = probe.checker();
        }
      }
      longestGaps[n++] = longest;
      if (before != null && after != null && !before.equals(after)) {
        moved++;
      }
    }
    Percentiles gaps = Percentiles.of(longestGaps, n);
    return String.format(
        Locale.ROOT,
        "sites=%d checkers=3 interval_s=%d window_s=%d killed_at_s=%d max_gap_s=%.1f"
            + " p99_gap_s=%.1f moved_fraction=%.3f double_probes=%d probes=%d cpu_s_per_1k=%.2f",
        sites,
        INTERVAL.toSeconds(),
        untilKill.plus(afterKill).toSeconds(),
        untilKill.toSeconds(),
        gaps.max() / 1000.0,
        gaps.p99() / 1000.0,
        (double) moved / sites,
        doubles,
        probes.size(),
        cpuSeconds * 1000 / Math.max(1, probes.size()));
  }

  private static List<Probe> window(ConcurrentLinkedQueue<Probe> probes, Instant from, Instant to) {
    return probes.stream()
        .filter(p -> !p.startedAt().isBefore(from) && p.startedAt().isBefore(to))
        .toList();
  }

  /** Waits until the checkers' owned sites add up to all the farm's, each owning some. */
  private void awaitShared(List<URI> readiness) throws InterruptedException {
    long deadline = System.nanoTime() + SCHEDULE_TIMEOUT.toNanos();
    while (System.nanoTime() - deadline < 0) {
      int total = 0;
      boolean each = true;
      for (URI uri : readiness) {
        int owned = stack.ownedSites(uri);
        each &= owned > 0;
        total += Math.max(0, owned);
      }
      if (each && total == sites) {
        return;
      }
      Thread.sleep(500);
    }
    throw new IllegalStateException("the three checkers did not come to share the sites");
  }
}
