package org.sitewatch.persister.notify;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.LongSupplier;

/**
 * How many messages each channel may still get in the current window: {@code messages} per {@code
 * window}, sliding. What is due beyond that waits, and goes out as one digest when the window frees
 * a message, so a mass outage gives each channel a handful of messages, not one per site.
 */
final class SendBudget {

  private final int messages;
  private final long windowNanos;
  private final LongSupplier nanoClock;
  private final Map<String, Deque<Long>> sent = new HashMap<>();

  SendBudget(int messages, Duration window, LongSupplier nanoClock) {
    this.messages = messages;
    this.windowNanos = window.toNanos();
    this.nanoClock = nanoClock;
  }

  synchronized int remaining(String channel) {
    Deque<Long> times = sent.get(channel);
    if (times == null) {
      return messages;
    }
    long now = nanoClock.getAsLong();
    while (!times.isEmpty() && now - times.peekFirst() >= windowNanos) {
      times.removeFirst();
    }
    return messages - times.size();
  }

  /** The channels that may get no message now. */
  synchronized Set<String> exhausted() {
    Set<String> exhausted = new HashSet<>();
    for (String channel : sent.keySet()) {
      if (remaining(channel) <= 0) {
        exhausted.add(channel);
      }
    }
    return exhausted;
  }

  synchronized void spend(String channel, int count) {
    Deque<Long> times = sent.computeIfAbsent(channel, c -> new ArrayDeque<>());
    long now = nanoClock.getAsLong();
    for (int i = 0; i < count; i++) {
      times.addLast(now);
    }
  }
}
