package org.sitewatch.bench;

import java.nio.file.Path;
import java.time.Duration;

/**
 * The benchmarks' entry point, run by bench/run once TestStack is up:
 *
 * <pre>
 * BenchMain CASE INFO_FILE CONTROL_PORT PERSISTER_HTTP_PORT CHECKER_HTTP_PORT WORK_DIR BLACKBOX_PORT
 * </pre>
 *
 * Prints the case's one summary line, {@code CASE: key=value ...}, on stdout; logs go to stderr.
 * Sizes come from the environment (see bench/run's usage): BENCH_RESULTS, BENCH_RATE, BENCH_SITES,
 * BENCH_BLACKHOLES, BENCH_SECONDS, BENCH_WARMUP_SECONDS, BENCH_OUTAGE_SECONDS, BENCH_HOURLY_DAYS,
 * BENCH_REQUESTS and BENCH_PAGE_LOADS, each with a default per case.
 */
public final class BenchMain {

  private BenchMain() {}

  public static void main(String[] args) throws Exception {
    if (args.length != 8) {
      System.err.println(
          "Usage: BenchMain CASE INFO_FILE CONTROL_PORT PERSISTER_HTTP_PORT CHECKER_HTTP_PORT"
              + " WORK_DIR BLACKBOX_PORT MORE_CHECKER_HTTP_PORTS");
      System.exit(2);
    }
    String name = args[0];
    Path workDir = Path.of(args[5]);
    try (BenchStack stack =
        new BenchStack(
            Path.of(args[1]),
            Integer.parseInt(args[2]),
            Integer.parseInt(args[3]),
            Integer.parseInt(args[4]),
            workDir)) {
      String summary =
          switch (name) {
            case "persister-throughput" ->
                new PersisterThroughput(stack, env("BENCH_RESULTS", 1_000_000), workDir).run();
            case "persister-latency" ->
                new PersisterLatency(
                        stack,
                        env("BENCH_RATE", 1_000),
                        seconds("BENCH_SECONDS", 60),
                        seconds("BENCH_WARMUP_SECONDS", 30),
                        env("BENCH_READERS", 0),
                        env("BENCH_SITE_ROWS", 0))
                    .run();
            case "checker-sustained" ->
                new CheckerSchedule(
                        stack,
                        env("BENCH_SITES", 10_000),
                        Duration.ofSeconds(10),
                        seconds("BENCH_WARMUP_SECONDS", 30),
                        seconds("BENCH_SECONDS", 300),
                        false)
                    .run();
            case "checker-100k" ->
                new CheckerSchedule(
                        stack,
                        env("BENCH_SITES", 100_000),
                        Duration.ofSeconds(60),
                        seconds("BENCH_WARMUP_SECONDS", 60),
                        seconds("BENCH_SECONDS", 120),
                        true)
                    .run();
            case "checker-outage" ->
                new CheckerOutage(
                        stack,
                        env("BENCH_SITES", 2_000),
                        seconds("BENCH_WARMUP_SECONDS", 30),
                        seconds("BENCH_OUTAGE_SECONDS", 360))
                    .run();
            case "checker-blackholes" ->
                new CheckerBlackholes(
                        stack,
                        env("BENCH_SITES", 10_000),
                        env("BENCH_BLACKHOLES", 1_000),
                        seconds("BENCH_WARMUP_SECONDS", 30),
                        seconds("BENCH_SECONDS", 120))
                    .run();
            case "checker-vs-blackbox" ->
                new CheckerVsBlackbox(
                        stack,
                        workDir,
                        env("BENCH_RATE", 1_000),
                        seconds("BENCH_WARMUP_SECONDS", 20),
                        seconds("BENCH_SECONDS", 60),
                        Integer.parseInt(args[6]))
                    .run();
            case "checker-failover" ->
                new CheckerFailover(
                        stack,
                        java.util.Arrays.stream(args[7].split(",")).map(Integer::valueOf).toList(),
                        env("BENCH_SITES", 30_000),
                        seconds("BENCH_WARMUP_SECONDS", 30),
                        seconds("BENCH_KILL_AFTER_SECONDS", 60),
                        seconds("BENCH_SECONDS_AFTER_KILL", 120))
                    .run();
            case "alert-latency" ->
                new AlertLatency(
                        stack,
                        env("BENCH_SITES", 1_000),
                        env("BENCH_RATE", 1_000),
                        env("BENCH_FLIPPED", 100),
                        seconds("BENCH_WARMUP_SECONDS", 30))
                    .run();
            case "status-page" ->
                new StatusPage(
                        stack,
                        workDir,
                        env("BENCH_SITES", 10_000),
                        env("BENCH_HOURLY_DAYS", 30),
                        env("BENCH_REQUESTS", 200),
                        env("BENCH_PAGE_LOADS", 5))
                    .run();
            default -> throw new IllegalArgumentException("unknown case " + name);
          };
      System.out.println(name + ": " + summary);
    }
  }

  private static Duration seconds(String name, int defaultValue) {
    return Duration.ofSeconds(env(name, defaultValue));
  }

  private static int env(String name, int defaultValue) {
    String value = System.getenv(name);
    return value == null || value.isBlank() ? defaultValue : Integer.parseInt(value.strip());
  }
}
