package org.sitewatch.checker.probe;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The threads probes run on. The HTTP engine under the Jakarta REST client blocks a thread for each
 * request in flight, so a site that never answers holds one for its whole timeout. On the server's
 * shared executor those requests would queue behind each other, and behind them the EJB timers that
 * start every other probe: one slow site among many would make the rest late. Here a request gets a
 * thread at once, a new one when none is idle, and the threads are bounded by the probes in flight,
 * which the scheduler caps (see ProbesInFlight).
 *
 * <p>Deadlines run on a timer of their own, which only hands each expiry to a request thread: what
 * a timeout sets off (closing the probe's client, the retry, the result) never queues on the timer
 * behind other sites' timeouts.
 */
@ApplicationScoped
public class ProbeThreads {

  /** An idle request thread ends after this long. */
  private static final long IDLE_SECONDS = 30;

  @Resource ManagedThreadFactory threadFactory;
  private ThreadPoolExecutor requests;
  private ScheduledThreadPoolExecutor deadlines;

  @PostConstruct
  void start() {
    requests =
        new ThreadPoolExecutor(
            0,
            Integer.MAX_VALUE,
            IDLE_SECONDS,
            TimeUnit.SECONDS,
            new SynchronousQueue<>(),
            threadFactory);
    deadlines = new ScheduledThreadPoolExecutor(1, threadFactory);
    deadlines.setRemoveOnCancelPolicy(true);
  }

  /** Where the probe clients run their requests and callbacks. */
  ExecutorService requests() {
    return requests;
  }

  /**
   * Completes {@code stage} with a {@link TimeoutException} once {@code timeout} has passed, unless
   * it completed before; the stages that depend on it then run on a request thread.
   */
  <T> CompletableFuture<T> deadline(CompletableFuture<T> stage, Duration timeout) {
    ScheduledFuture<?> expiry =
        deadlines.schedule(
            () -> {
              try {
                requests.execute(() -> stage.completeExceptionally(new TimeoutException()));
              } catch (RejectedExecutionException stopping) {
                stage.completeExceptionally(new TimeoutException());
              }
            },
            timeout.toNanos(),
            TimeUnit.NANOSECONDS);
    stage.whenComplete((done, failure) -> expiry.cancel(false));
    return stage;
  }

  @PreDestroy
  void stop() {
    deadlines.shutdownNow();
    requests.shutdown();
  }
}
