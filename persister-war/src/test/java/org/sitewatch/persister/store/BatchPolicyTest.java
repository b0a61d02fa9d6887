package org.sitewatch.persister.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class BatchPolicyTest {

  @ParameterizedTest
  @CsvSource({"200ms, 200", "0ms, 0", "2s, 2000", "1m, 60000", " 5 MS , 5", "PT0.2S, 200"})
  void readsTheLingerAsPeopleAndIso8601WriteIt(String linger, long millis) {
    assertEquals(Duration.ofMillis(millis), BatchPolicy.of(500, linger).linger());
  }

  @ParameterizedTest
  @ValueSource(strings = {"200", "fast", "-1s", "1d", ""})
  void refusesALingerItCannotRead(String linger) {
    assertThrows(IllegalArgumentException.class, () -> BatchPolicy.of(500, linger));
  }

  @Test
  void refusesABatchSizeBelowOne() {
    assertThrows(IllegalArgumentException.class, () -> BatchPolicy.of(0, "200ms"));
  }
}
