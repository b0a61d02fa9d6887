package org.sitewatch.bench;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * {@code checker-vs-blackbox}: Sitewatch's checker and Prometheus' blackbox_exporter probe the same
 * farm at the same rate, one after the other, and each one's CPU time per 1,000 probes is taken
 * from /proc. The farm counts the probes, so both are measured the same way. The exporter is driven
 * through {@code /probe}, as Prometheus would scrape it; the driver's own CPU is not counted on
 * either side, and neither is Kafka's.
 */
final class CheckerVsBlackbox {

  private static final Logger LOG = Logger.getLogger(CheckerVsBlackbox.class.getName());

  private static final Duration SCHEDULE_TIMEOUT = Duration.ofMinutes(5);
  private static final int MAX_OUTSTANDING = 500;

  private final BenchStack stack;
  private final Path workDir;
  private final int rate;
  private final Duration warmUp;
  private final Duration window;
  private final int blackboxPort;

  CheckerVsBlackbox(
      BenchStack stack,
      Path workDir,
      int rate,
      Duration warmUp,
      Duration window,
      int blackboxPort) {
    this.stack = stack;
    this.workDir = workDir;
    this.rate = rate;
    this.warmUp = warmUp;
    this.window = window;
    this.blackboxPort = blackboxPort;
  }

  String run() throws Exception {
    stack.control("servers/persister/stop");
    try (TargetFarm farm = new TargetFarm()) {
      double ours = sitewatch(farm);
      stack.control("servers/checker/stop");
      double theirs = blackbox(farm);
      return String.format(
          Locale.ROOT,
          "rate=%d window_s=%d sitewatch_cpu_s_per_1k=%.3f blackbox_cpu_s_per_1k=%.3f"
              + " cpu_ratio=%.2f",
          rate,
          window.toSeconds(),
          ours,
          theirs,
          ours / theirs);
    }
  }

  /** rate x 10 sites at a 10 s interval: the checker's own schedule makes the rate. */
  private double sitewatch(TargetFarm farm) throws Exception {
    Duration interval = Duration.ofSeconds(10);
    int sites = rate * (int) interval.toSeconds();
    FarmSites.write(stack.sitesFile(), farm, sites, interval, Duration.ofSeconds(5));
    stack.awaitCheckerScheduled(sites, SCHEDULE_TIMEOUT);
    CheckerSchedule.sleepUntil(Instant.now().plus(warmUp));
    return cpuPer1k(
        "sitewatch", stack.checker().cpuSeconds(), farm, () -> stack.checker().cpuSeconds());
  }

  private double blackbox(TargetFarm farm) throws Exception {
    Path config = workDir.resolve("blackbox.yml");
    Files.writeString(
        config,
        """
        modules:
          http_2xx:
            prober: http
            timeout: 5s
            http:
              method: GET
              preferred_ip_protocol: ip4
        """);
    Process exporter =
        new ProcessBuilder(
                "prometheus-blackbox-exporter",
                "--config.file=" + config,
                "--web.listen-address=127.0.0.1:" + blackboxPort)
            .redirectErrorStream(true)
            .redirectOutput(workDir.resolve("blackbox.log").toFile())
            .start();
    try {
      HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
      stack.awaitOk(
          URI.create("http://127.0.0.1:" + blackboxPort + "/-/healthy"), Duration.ofSeconds(30));
      AtomicLong failures = new AtomicLong();
      Thread driver = new Thread(() -> drive(http, farm, failures), "blackbox-driver");
      driver.start();
      try {
        CheckerSchedule.sleepUntil(Instant.now().plus(warmUp));
        long pid = exporter.pid();
        return cpuPer1k(
            "blackbox_exporter",
            CheckerProcess.cpuSeconds(pid),
            farm,
            () -> CheckerProcess.cpuSeconds(pid));
      } finally {
        driver.interrupt();
        driver.join();
        if (failures.get() > 0) {
          LOG.log(Level.WARNING, "{0} /probe requests failed", failures.get());
        }
      }
    } finally {
      exporter.destroy();
    }
  }

  /** Sends rate /probe requests a second, evenly spaced, with a bound on those outstanding. */
  private void drive(HttpClient http, TargetFarm farm, AtomicLong failures) {
    Semaphore outstanding = new Semaphore(MAX_OUTSTANDING);
    long periodNanos = 1_000_000_000L / rate;
    long next = System.nanoTime();
    int sites = rate * 10;
    try {
      for (long i = 0; ; i++) {
        long wait = next - System.nanoTime();
        if (wait > 0) {
          Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
        }
        next += periodNanos;
        outstanding.acquire();
        String target = URLEncoder.encode(farm.url((int) (i % sites)), StandardCharsets.UTF_8);
        HttpRequest probe =
            HttpRequest.newBuilder(
                    URI.create(
                        "http://127.0.0.1:"
                            + blackboxPort
                            + "/probe?module=http_2xx&target="
                            + target))
                .timeout(Duration.ofSeconds(10))
                .build();
        http.sendAsync(probe, HttpResponse.BodyHandlers.ofString())
            .whenComplete(
                (response, e) -> {
                  outstanding.release();
                  if (e != null
                      || response.statusCode() != 200
                      || !response.body().contains("probe_success 1")) {
                    failures.incrementAndGet();
                  }
                });
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private interface CpuClock {
    double seconds() throws IOException;
  }

  /** CPU seconds per 1,000 farm requests over the window. */
  private double cpuPer1k(String who, double cpuAtStart, TargetFarm farm, CpuClock cpu)
      throws IOException, InterruptedException {
    long requestsAtStart = farm.requests();
    CheckerSchedule.sleepUntil(Instant.now().plus(window));
    double used = cpu.seconds() - cpuAtStart;
    long probes = farm.requests() - requestsAtStart;
    LOG.log(
        Level.INFO,
        "{0}: {1} probes in {2} s ({3}/s), {4} CPU s",
        new Object[] {who, probes, window.toSeconds(), probes / window.toSeconds(), used});
    if (probes < rate * window.toSeconds() / 2) {
      throw new IllegalStateException(
          who
              + " made "
              + probes
              + " probes in "
              + window.toSeconds()
              + " s, far below "
              + rate
              + "/s");
    }
    return used / (probes / 1000.0);
  }
}
