package org.sitewatch.checker.publish;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.TimeUnit;

/**
 * The checker's one buffer of results on their way to Kafka, bounded in bytes: an entry is counted
 * from {@link #offer} until {@link #release}, that is while it waits in the queue and while it is
 * in flight (taken, but not yet acknowledged or refused). At most {@code maxInFlight} entries are
 * in flight at once; {@link #take} waits for one of them to be released.
 */
final class PublishBuffer {

  /**
   * Heap an entry costs beyond its payload: the entry object, the array's header and padding, and
   * the queue's slot, rounded up. The key is the site's own id string, shared with the sites list.
   */
  static final int ENTRY_OVERHEAD = 64;

  /** An encoded result and the Kafka key it is sent with. */
  record Entry(String key, byte[] payload) {
    long cost() {
      return payload.length + (long) ENTRY_OVERHEAD;
    }
  }

  private final long capacityBytes;
  private final int maxInFlight;
  private final Deque<Entry> queue = new ArrayDeque<>();
  private long usedBytes;
  private int inFlight;
  private boolean closed;

  PublishBuffer(long capacityBytes, int maxInFlight) {
    if (capacityBytes <= 0 || maxInFlight <= 0) {
      throw new IllegalArgumentException(
          "capacity " + capacityBytes + " bytes and " + maxInFlight + " in flight must be > 0");
    }
    this.capacityBytes = capacityBytes;
    this.maxInFlight = maxInFlight;
  }

  /** Queues the entry if its cost fits in what is left of the bound; false if it does not. */
  synchronized boolean offer(Entry entry) {
    if (usedBytes + entry.cost() > capacityBytes) {
      return false;
    }
    usedBytes += entry.cost();
    queue.addLast(entry);
    notifyAll();
    return true;
  }

  /**
   * The oldest queued entry, now in flight, once there is one and fewer than {@code maxInFlight}
   * are in flight; null once the buffer is closed and its queue empty.
   */
  synchronized Entry take() throws InterruptedException {
    while (!closed || !queue.isEmpty()) {
      if (!queue.isEmpty() && inFlight < maxInFlight) {
        inFlight++;
        return queue.removeFirst();
      }
      wait();
    }
    return null;
  }

  /** Frees an entry's bytes once Kafka has acknowledged or refused it (or it was never sent). */
  synchronized void release(Entry entry) {
    inFlight--;
    usedBytes -= entry.cost();
    notifyAll();
  }

  /** From now on {@link #take} returns null instead of waiting once the queue is empty. */
  synchronized void close() {
    closed = true;
    notifyAll();
  }

  /** Waits until every entry has been released; false if {@code timeout} passed first. */
  synchronized boolean awaitDrained(Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (entries() > 0) {
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        return false;
      }
      TimeUnit.NANOSECONDS.timedWait(this, left);
    }
    return true;
  }

  /** Entries queued or in flight. */
  synchronized int entries() {
    return queue.size() + inFlight;
  }

  synchronized long usedBytes() {
    return usedBytes;
  }
}
