package org.sitewatch.bench;

import java.nio.file.Path;
import java.time.Duration;

/**
 * The benchmarks' entry point, run by bench/run once LocalStack is up:
 *
 * <pre>
 * BenchMain CASE INFO_FILE CONTROL_PORT PERSISTER_HTTP_PORT WORK_DIR
 * </pre>
 *
 * Prints the case's one summary line, {@code CASE: key=value ...}, on stdout; logs go to stderr.
 * Sizes come from the environment: BENCH_RESULTS (throughput, default 1,000,000), BENCH_RATE
 * (latency, results/s, default 1,000), BENCH_SECONDS (latency, default 60) and BENCH_WARMUP_SECONDS
 * (latency, sent but not measured, default 5).
 */
public final class BenchMain {

  private BenchMain() {}

  public static void main(String[] args) throws Exception {
    if (args.length != 5) {
      System.err.println(
          "Usage: BenchMain CASE INFO_FILE CONTROL_PORT PERSISTER_HTTP_PORT WORK_DIR");
      System.exit(2);
    }
    String name = args[0];
    try (BenchStack stack =
        new BenchStack(Path.of(args[1]), Integer.parseInt(args[2]), Integer.parseInt(args[3]))) {
      String summary =
          switch (name) {
            case "persister-throughput" ->
                new PersisterThroughput(stack, env("BENCH_RESULTS", 1_000_000), Path.of(args[4]))
                    .run();
            case "persister-latency" ->
                new PersisterLatency(
                        stack,
                        env("BENCH_RATE", 1_000),
                        Duration.ofSeconds(env("BENCH_SECONDS", 60)),
                        Duration.ofSeconds(env("BENCH_WARMUP_SECONDS", 30)))
                    .run();
            default -> throw new IllegalArgumentException("unknown case " + name);
          };
      System.out.println(name + ": " + summary);
    }
  }

  private static int env(String name, int defaultValue) {
    String value = System.getenv(name);
    return value == null || value.isBlank() ? defaultValue : Integer.parseInt(value.strip());
  }
}
