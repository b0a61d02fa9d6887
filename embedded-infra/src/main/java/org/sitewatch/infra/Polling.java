package org.sitewatch.infra;

import java.time.Duration;

/** The pause between two polls of a condition that has a deadline. */
final class Polling {

  private Polling() {}

  /**
   * Waits {@code interval}; an interrupt ends the wait early and stays set for the caller's loop to
   * see.
   */
  static void pause(Duration interval) {
    try {
      Thread.sleep(interval.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
