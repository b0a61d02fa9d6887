package org.sitewatch.support.duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DurationsTest {

  @ParameterizedTest
  @CsvSource({
    "500ms, 500",
    "30s, 30000",
    "5m, 300000",
    "1h, 3600000",
    "1m30s, 90000",
    "1h30m, 5400000",
    "2h3m4s5ms, 7384005",
    "0s, 0",
    "1s500ms, 1500",
    "7d, 604800000",
    "1d12h, 129600000",
  })
  void parsesUnitsAndCombinations(String text, long millis) {
    assertEquals(Duration.ofMillis(millis), Durations.parse(text), text);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "60 | '60' has no unit: units are required (ms, s, m, h or d), e.g. 60s",
        "1m30 | '1m30' ends in a number without a unit: units are required (ms, s, m, h or d)",
        "5w | '5w' has an unknown unit 'w' (use ms, s, m, h or d)",
        "30s1m | '30s1m' is not a duration: write units from largest to smallest, each once",
        "1m1m | '1m1m' is not a duration: write units from largest to smallest, each once",
        "1.5s | '1.5s' is not a duration: use whole numbers, e.g. 1500ms rather than 1.5s",
        "-5s | '-5s' is not a duration (e.g. 500ms, 30s, 5m, 1h, 7d or 1m30s)",
        "s | 's' is not a duration (e.g. 500ms, 30s, 5m, 1h, 7d or 1m30s)",
        "30 s | '30 s' is not a duration (e.g. 500ms, 30s, 5m, 1h, 7d or 1m30s)",
        "30S | '30S' is not a duration (e.g. 500ms, 30s, 5m, 1h, 7d or 1m30s)",
        "9999999999999h | '9999999999999h' is too long a duration",
      })
  void rejectsWithAMessageForTheUser(String text, String message) {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> Durations.parse(text), text);
    assertEquals(message, e.getMessage());
  }

  @ParameterizedTest
  @CsvSource({"'', no duration given", "'  ', no duration given"})
  void rejectsBlank(String text, String start) {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> Durations.parse(text));
    assertEquals(start + " (e.g. 500ms, 30s, 5m, 1h, 7d or 1m30s)", e.getMessage());
  }

  @ParameterizedTest
  @CsvSource({"500ms", "30s", "5m", "1h", "1m30s", "25h1ms", "0s"})
  void formatIsTheInverseOfParse(String text) {
    assertEquals(text, Durations.format(Durations.parse(text)));
  }

  @ParameterizedTest
  @CsvSource({"90, 1m30s", "3600, 1h", "86400, 24h"})
  void formatsSeconds(long seconds, String text) {
    assertEquals(text, Durations.format(Duration.ofSeconds(seconds)));
  }
}
