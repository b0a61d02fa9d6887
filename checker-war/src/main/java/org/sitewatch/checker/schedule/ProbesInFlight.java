package org.sitewatch.checker.schedule;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.BeforeDestroyed;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.Reception;
import jakarta.interceptor.Interceptor;
import java.time.Duration;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The probes started and not yet finished, so that a stopping checker lets them finish: once {@link
 * #stop} is called no probe starts, and it returns when every running one has ended (each ends by
 * its own deadline) and handed its result on. It runs when the application's beans are about to be
 * destroyed, before the publisher flushes (see KafkaResultPublisher), and again from the
 * scheduler's own shutdown, whichever comes first.
 */
@ApplicationScoped
public class ProbesInFlight {

  private static final Logger LOG = Logger.getLogger(ProbesInFlight.class.getName());

  /** Past the longest timeout of a running probe: its result on its way to the publisher. */
  private static final Duration MARGIN = Duration.ofSeconds(5);

  private final AtomicLong running = new AtomicLong();
  private final Object idle = new Object();
  private volatile boolean stopping;
  private volatile Duration longestTimeout = Duration.ZERO;

  /**
   * Starts a probe unless the checker is stopping.
   *
   * @param probe starts the probe; its stage completes once the result is handed on
   * @return false when the checker is stopping and the probe was not started
   */
  public boolean start(Duration timeout, Supplier<? extends CompletionStage<?>> probe) {
    running.incrementAndGet();
    if (stopping) {
      finished();
      return false;
    }
    if (timeout.compareTo(longestTimeout) > 0) {
      longestTimeout = timeout;
    }
    try {
      probe.get().whenComplete((done, failure) -> finished());
    } catch (RuntimeException e) {
      finished();
      throw e;
    }
    return true;
  }

  private void finished() {
    if (running.decrementAndGet() == 0) {
      synchronized (idle) {
        idle.notifyAll();
      }
    }
  }

  /** No probe starts from now on; returns once the running ones have finished, within bounds. */
  public void stop() {
    stopping = true;
    long count = running.get();
    if (count == 0) {
      return;
    }
    Duration atMost = longestTimeout.plus(MARGIN);
    LOG.log(
        Level.INFO,
        "Stopping: waiting up to {0} s for {1} probes in flight",
        new Object[] {atMost.toSeconds(), count});
    long deadline = System.nanoTime() + atMost.toNanos();
    synchronized (idle) {
      try {
        for (long left = atMost.toMillis(); running.get() > 0 && left > 0; ) {
          idle.wait(left);
          left = (deadline - System.nanoTime()) / 1_000_000;
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    if (running.get() > 0) {
      LOG.log(
          Level.WARNING,
          "Stopping with {0} probes still running after {1} s: their results are lost",
          new Object[] {running.get(), atMost.toSeconds()});
    } else {
      LOG.log(Level.INFO, "Stopping: every probe in flight has finished");
    }
  }

  /** Before any application bean is destroyed, while the publisher still accepts results. */
  void onShutdown(
      @Observes(notifyObserver = Reception.IF_EXISTS)
          @Priority(Interceptor.Priority.PLATFORM_BEFORE)
          @BeforeDestroyed(ApplicationScoped.class)
          Object event) {
    stop();
  }
}
