package org.sitewatch.persister.store;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongSupplier;

/**
 * Collects items until a batch is due by its {@link BatchPolicy}. Any number of threads add; one
 * takes batches. A batch holds at most {@code maxSize} items, oldest first.
 */
final class Batcher<T> {

  private record Waiting<T>(T item, long arrivedAt) {}

  private final int maxSize;
  private final long lingerNanos;
  private final LongSupplier nanoClock;
  private final ArrayDeque<Waiting<T>> waiting = new ArrayDeque<>();
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition changed = lock.newCondition();
  private boolean closed;

  /**
   * @param nanoClock a monotonic clock in nanoseconds, {@code System::nanoTime} outside tests
   */
  Batcher(BatchPolicy policy, LongSupplier nanoClock) {
    this.maxSize = policy.maxSize();
    this.lingerNanos = policy.linger().toNanos();
    this.nanoClock = nanoClock;
  }

  void add(T item) {
    lock.lock();
    try {
      if (closed) {
        throw new IllegalStateException("batcher is closed");
      }
      waiting.add(new Waiting<>(item, nanoClock.getAsLong()));
      // The taker needs to know when the linger clock starts and when a batch is full.
      if (waiting.size() == 1 || waiting.size() == maxSize) {
        changed.signalAll();
      }
    } finally {
      lock.unlock();
    }
  }

  /** The next batch if one is due now, else an empty list. */
  List<T> takeIfDue() {
    lock.lock();
    try {
      return nanosUntilDue() <= 0 ? take() : List.of();
    } finally {
      lock.unlock();
    }
  }

  /** Waits until a batch is due and takes it; an empty list once closed. */
  List<T> awaitBatch() throws InterruptedException {
    lock.lockInterruptibly();
    try {
      while (!closed) {
        long wait = nanosUntilDue();
        if (wait <= 0) {
          return take();
        }
        if (waiting.isEmpty()) {
          changed.await();
        } else {
          changed.awaitNanos(wait);
        }
      }
      return List.of();
    } finally {
      lock.unlock();
    }
  }

  int size() {
    lock.lock();
    try {
      return waiting.size();
    } finally {
      lock.unlock();
    }
  }

  /** Wakes the taker and refuses further items; items still waiting stay untaken. */
  void close() {
    lock.lock();
    try {
      closed = true;
      changed.signalAll();
    } finally {
      lock.unlock();
    }
  }

  /** Nanoseconds until a batch is due: 0 or less when it is, MAX_VALUE when nothing waits. */
  private long nanosUntilDue() {
    if (waiting.isEmpty()) {
      return Long.MAX_VALUE;
    }
    if (waiting.size() >= maxSize) {
      return 0;
    }
    return waiting.peekFirst().arrivedAt() + lingerNanos - nanoClock.getAsLong();
  }

  private List<T> take() {
    int count = Math.min(maxSize, waiting.size());
    List<T> batch = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      batch.add(waiting.pollFirst().item());
    }
    return batch;
  }
}
