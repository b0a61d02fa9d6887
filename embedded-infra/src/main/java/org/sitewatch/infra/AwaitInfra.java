package org.sitewatch.infra;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Waits until the infrastructure that {@link InfraMain} (or {@link LocalStack}) is starting in the
 * background is ready, for a build step that must not run before.
 *
 * <pre>
 * java -cp ... org.sitewatch.infra.AwaitInfra --info-file FILE [--timeout-seconds 120]
 * </pre>
 *
 * <p>Ready means: the info file exists, the process it names is alive, and the Kafka and PostgreSQL
 * ports it names accept TCP connections. Polls every 250 ms. Exit 0 when ready; on timeout it
 * prints what is still missing and exits 1; 2 for a usage error.
 */
public final class AwaitInfra {

  private static final Logger LOG = LoggerFactory.getLogger(AwaitInfra.class);
  private static final Duration POLL = Duration.ofMillis(250);
  private static final Duration CONNECT_TIMEOUT = Duration.ofMillis(500);

  static final String USAGE =
      "Usage: java -cp ... org.sitewatch.infra.AwaitInfra --info-file FILE [--timeout-seconds N]\n"
          + "Waits until FILE exists and the Kafka and PostgreSQL it names accept connections.\n"
          + "  --info-file FILE        the info file InfraMain/LocalStack writes when ready\n"
          + "  --timeout-seconds N     give up after N seconds (default 120) with exit status 1";

  private AwaitInfra() {}

  public static void main(String[] args) {
    CommandLine cl = Cli.parseOrExit(args, USAGE, Set.of("info-file", "timeout-seconds"), Set.of());
    Path infoFile;
    Duration timeout;
    try {
      infoFile = Path.of(cl.required("info-file")).toAbsolutePath();
      timeout = Duration.ofSeconds(cl.positiveLong("timeout-seconds").orElse(120L));
    } catch (CommandLine.UsageException e) {
      Cli.exitWithUsage(e, USAGE);
      return;
    }
    long started = System.nanoTime();
    long deadline = started + timeout.toNanos();
    List<String> missing;
    while (true) {
      missing = missing(infoFile);
      if (missing.isEmpty()) {
        LOG.info(
            "Infrastructure of {} ready after {}",
            infoFile,
            InfraMain.seconds(Duration.ofNanos(System.nanoTime() - started)));
        System.exit(0);
      }
      if (System.nanoTime() - deadline > 0) {
        break;
      }
      Polling.pause(POLL);
    }
    System.err.println("Infrastructure not ready after " + timeout.toSeconds() + " s; missing:");
    missing.forEach(m -> System.err.println("  - " + m));
    System.exit(1);
  }

  /** What is not ready yet; empty when everything is. */
  static List<String> missing(Path infoFile) {
    List<String> missing = new ArrayList<>();
    if (!Files.exists(infoFile)) {
      missing.add("info file " + infoFile + " (not written yet: still starting, or failed)");
      return missing;
    }
    InfraInfo info;
    try {
      info = InfraInfo.read(infoFile);
    } catch (IOException e) {
      missing.add("a readable info file: " + e.getMessage());
      return missing;
    }
    if (!ProcessHandle.of(info.pid()).map(ProcessHandle::isAlive).orElse(false)) {
      missing.add("process " + info.pid() + " named in " + infoFile + " (not running)");
    }
    String kafkaHost = info.firstKafkaHost();
    int kafkaPort = info.firstKafkaPort();
    if (!Ports.accepts(kafkaHost, kafkaPort, CONNECT_TIMEOUT)) {
      missing.add("Kafka on " + kafkaHost + ":" + kafkaPort + " (no TCP connection)");
    }
    if (!Ports.accepts(info.postgresHost(), info.postgresPort(), CONNECT_TIMEOUT)) {
      missing.add(
          "PostgreSQL on "
              + info.postgresHost()
              + ":"
              + info.postgresPort()
              + " (no TCP connection)");
    }
    return missing;
  }
}
