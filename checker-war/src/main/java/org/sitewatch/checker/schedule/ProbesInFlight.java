package org.sitewatch.checker.schedule;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.BeforeDestroyed;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.Reception;
import jakarta.inject.Inject;
import jakarta.interceptor.Interceptor;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.sitewatch.checker.report.LossReport;

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
  private static final String MAX_IN_FLIGHT = "sitewatch.probes.max-in-flight";

  /** Past the longest timeout of a running probe: its result on its way to the publisher. */
  private static final Duration MARGIN = Duration.ofSeconds(5);

  private final AtomicLong running = new AtomicLong();
  private final Object idle = new Object();
  private volatile boolean stopping;
  private volatile Duration longestTimeout = Duration.ZERO;
  private final long maxInFlight;
  private final LossReport skipped =
      new LossReport(Clock.systemUTC(), Duration.ofSeconds(30), "probe(s) not started");

  /**
   * @param maxInFlight probes running at once, at most: each holds a thread while its request is in
   *     flight (see ProbeThreads), so this bounds the checker's threads
   */
  @Inject
  public ProbesInFlight(@ConfigProperty(name = MAX_IN_FLIGHT) long maxInFlight) {
    if (maxInFlight < 1) {
      throw new IllegalArgumentException(MAX_IN_FLIGHT + " must be at least 1, not " + maxInFlight);
    }
    this.maxInFlight = maxInFlight;
  }

  /** For CDI's proxy. */
  protected ProbesInFlight() {
    this.maxInFlight = 0;
  }

  /**
   * Starts a probe unless the checker is stopping or already runs its most probes at once. A probe
   * not started for that is counted and logged: it is the checker's failure, not the site's, so it
   * gives no result rather than a DOWN one.
   *
   * @param siteId the probe's site, named in the log when it is not started
   * @param probe starts the probe; its stage completes once the result is handed on
   * @return false when the probe was not started
   */
  public boolean start(
      String siteId, Duration timeout, Supplier<? extends CompletionStage<?>> probe) {
    long now = running.incrementAndGet();
    if (stopping) {
      finished();
      return false;
    }
    if (now > maxInFlight) {
      finished();
      skipped
          .lost(siteId, maxInFlight + " probes were running (" + MAX_IN_FLIGHT + ")")
          .ifPresent(line -> LOG.log(Level.WARNING, "Probes not made: {0}", line));
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

  /** Probes not started because too many were running, since the checker started. */
  public long skippedCount() {
    return skipped.total();
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
