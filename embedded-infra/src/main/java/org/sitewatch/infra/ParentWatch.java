package org.sitewatch.infra;

import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Ends this JVM, through its normal shutdown (hooks included), when a watched process is gone: a
 * Maven build that starts InfraMain or LocalStack in the background and is then killed outright
 * must not leave Kafka, PostgreSQL or Liberty servers running. Checked every second.
 */
final class ParentWatch {

  private static final Logger LOG = LoggerFactory.getLogger(ParentWatch.class);

  private ParentWatch() {}

  /**
   * The process to watch: {@code --parent-pid N}, or with {@code --watch-parent} the process that
   * started this JVM.
   */
  static Optional<Long> target(CommandLine cl) throws CommandLine.UsageException {
    Optional<Long> pid = cl.positiveLong("parent-pid");
    if (pid.isPresent() && cl.flag("watch-parent")) {
      throw new CommandLine.UsageException("give either --parent-pid or --watch-parent");
    }
    if (cl.flag("watch-parent")) {
      return Optional.of(
          ProcessHandle.current()
              .parent()
              .orElseThrow(
                  () -> new CommandLine.UsageException("--watch-parent: no parent process"))
              .pid());
    }
    return pid;
  }

  /** Starts watching {@code pid}; if it is not running now, the JVM exits at the first check. */
  static void start(long pid) {
    Optional<ProcessHandle> handle = ProcessHandle.of(pid).filter(ProcessHandle::isAlive);
    // The start time tells the watched process from a later one that reuses its pid.
    Optional<Instant> startedAt = handle.flatMap(h -> h.info().startInstant());
    ScheduledExecutorService timer =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "sitewatch-parent-watch");
              t.setDaemon(true);
              return t;
            });
    timer.scheduleWithFixedDelay(
        () -> {
          if (!isRunning(pid, startedAt)) {
            LOG.warn("Process {} that started us is gone: shutting down", pid);
            timer.shutdown();
            // exit() runs the shutdown hooks, which stop everything in order. Another thread,
            // because exit() blocks until the hooks are done.
            new Thread(() -> System.exit(0), "sitewatch-parent-gone").start();
          }
        },
        0,
        1,
        TimeUnit.SECONDS);
    LOG.info("Watching process {}: we stop when it ends", pid);
  }

  private static boolean isRunning(long pid, Optional<Instant> startedAt) {
    Optional<ProcessHandle> now = ProcessHandle.of(pid).filter(ProcessHandle::isAlive);
    if (now.isEmpty()) {
      return false;
    }
    if (startedAt.isEmpty()) {
      return true;
    }
    return now.get().info().startInstant().map(startedAt.get()::equals).orElse(true);
  }
}
