package org.sitewatch.infra;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stops what {@link InfraMain} or {@link LocalStack} started: reads the pid from the info file,
 * sends it a normal termination (SIGTERM, so its shutdown hook stops everything in order) and waits
 * up to 60 s for it to exit.
 *
 * <pre>
 * java -cp ... org.sitewatch.infra.StopInfra --info-file FILE
 * </pre>
 *
 * <p>Exit 0 when the process has exited, or if there was nothing to stop (no info file, or its
 * process is already gone: a stale file is then removed); 1 if it is still running after 60 s.
 */
public final class StopInfra {

  private static final Logger LOG = LoggerFactory.getLogger(StopInfra.class);
  static final Duration WAIT = Duration.ofSeconds(60);

  static final String USAGE =
      "Usage: java -cp ... org.sitewatch.infra.StopInfra --info-file FILE\n"
          + "Sends SIGTERM to the pid in FILE and waits up to 60 s for it to exit.";

  private StopInfra() {}

  public static void main(String[] args) {
    CommandLine cl = Cli.parseOrExit(args, USAGE, Set.of("info-file"), Set.of());
    Path infoFile;
    try {
      infoFile = Path.of(cl.required("info-file")).toAbsolutePath();
    } catch (CommandLine.UsageException e) {
      Cli.exitWithUsage(e, USAGE);
      return;
    }
    System.exit(stop(infoFile));
  }

  static int stop(Path infoFile) {
    if (!Files.exists(infoFile)) {
      LOG.info("No info file {}: nothing to stop", infoFile);
      return 0;
    }
    long pid;
    try {
      pid = InfraInfo.read(infoFile).pid();
    } catch (IOException e) {
      LOG.error("Cannot read {}: {}", infoFile, e.getMessage());
      return 1;
    }
    Optional<ProcessHandle> process = ProcessHandle.of(pid).filter(ProcessHandle::isAlive);
    if (process.isEmpty()) {
      LOG.info("Process {} is not running; removing the stale {}", pid, infoFile);
      deleteQuietly(infoFile);
      return 0;
    }
    long started = System.nanoTime();
    LOG.info("Stopping process {}", pid);
    process.get().destroy();
    try {
      process.get().onExit().get(WAIT.toSeconds(), TimeUnit.SECONDS);
    } catch (TimeoutException e) {
      LOG.error("Process {} is still running after {} s", pid, WAIT.toSeconds());
      return 1;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return 1;
    } catch (ExecutionException e) {
      LOG.error("Waiting for process {} failed: {}", pid, e.getMessage());
      return 1;
    }
    LOG.info(
        "Process {} stopped after {}",
        pid,
        InfraMain.seconds(Duration.ofNanos(System.nanoTime() - started)));
    return 0;
  }

  private static void deleteQuietly(Path file) {
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      LOG.warn("Cannot delete {}: {}", file, e.getMessage());
    }
  }
}
