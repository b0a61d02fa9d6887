package org.sitewatch.persister.store;

import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class BatchPolicyTest {

  private static final Duration LINGER = Duration.ofMillis(200);

  @Test
  void refusesANegativeLinger() {
    assertThrows(IllegalArgumentException.class, () -> new BatchPolicy(500, Duration.ofMillis(-1)));
  }

  @Test
  void refusesABatchSizeBelowOne() {
    assertThrows(IllegalArgumentException.class, () -> new BatchPolicy(0, LINGER));
  }
}
