package org.sitewatch.checker.probe;

import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.enterprise.concurrent.ManagedThreadFactory;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinWorkerThread;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ProbeThreadsTest {

  /** Numbered threads, so a test can tell which ran a task. */
  private static final class NumberedThreads implements ManagedThreadFactory {
    private final AtomicInteger made = new AtomicInteger();

    @Override
    public Thread newThread(Runnable task) {
      Thread thread = new Thread(task, "probe-test-" + made.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    }

    @Override
    public ForkJoinWorkerThread newThread(ForkJoinPool pool) {
      throw new UnsupportedOperationException();
    }
  }

  private final ProbeThreads threads = new ProbeThreads();
  private final CountDownLatch release = new CountDownLatch(1);

  @BeforeEach
  void start() {
    threads.threadFactory = new NumberedThreads();
    threads.start();
  }

  @AfterEach
  void stop() {
    release.countDown();
    threads.stop();
  }

  @Test
  void aRequestStartsAtOnceWhileHundredsOfOthersBlock() throws Exception {
    CountDownLatch blocked = new CountDownLatch(500);
    for (int i = 0; i < 500; i++) {
      threads
          .requests()
          .execute(
              () -> {
                blocked.countDown();
                awaitRelease();
              });
    }
    assertTrue(blocked.await(10, TimeUnit.SECONDS), "every blocking request got a thread");

    CountDownLatch ran = new CountDownLatch(1);
    threads.requests().execute(ran::countDown);
    assertTrue(ran.await(10, TimeUnit.SECONDS), "a request behind 500 blocked ones must not wait");
  }

  @Test
  void whatATimeoutSetsOffDoesNotHoldUpOtherDeadlines() throws Exception {
    CompletableFuture<String> slow = threads.deadline(new CompletableFuture<>(), ms(50));
    CompletableFuture<String> held = new CompletableFuture<>();
    slow.whenComplete(
        (done, failure) -> {
          held.complete(Thread.currentThread().getName());
          awaitRelease();
        });
    String heldOn = held.get(10, TimeUnit.SECONDS);

    CompletableFuture<String> next = threads.deadline(new CompletableFuture<>(), ms(50));
    CompletableFuture<String> nextOn = new CompletableFuture<>();
    next.whenComplete((done, failure) -> nextOn.complete(Thread.currentThread().getName()));
    assertNotEquals(
        heldOn,
        nextOn.get(10, TimeUnit.SECONDS),
        "the second timeout must not wait for the first one's work");
    assertTrue(next.isCompletedExceptionally());
    assertTrue(
        next.handle((done, failure) -> failure instanceof TimeoutException).get(),
        "a deadline completes with a TimeoutException");
  }

  private void awaitRelease() {
    try {
      release.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static Duration ms(long millis) {
    return Duration.ofMillis(millis);
  }
}
