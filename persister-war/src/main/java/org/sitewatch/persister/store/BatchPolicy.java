package org.sitewatch.persister.store;

import java.time.Duration;

/**
 * When a batch is written: once {@code maxSize} results wait, or once the oldest has waited {@code
 * linger}.
 *
 * @param maxSize {@code sitewatch.persister.batch.size}
 * @param linger {@code sitewatch.persister.batch.linger}
 */
record BatchPolicy(int maxSize, Duration linger) {

  BatchPolicy {
    if (maxSize < 1) {
      throw new IllegalArgumentException(
          "sitewatch.persister.batch.size must be at least 1, got " + maxSize);
    }
    if (linger.isNegative()) {
      throw new IllegalArgumentException(
          "sitewatch.persister.batch.linger must not be negative, got " + linger);
    }
  }
}
