package org.sitewatch.checker.probe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.sitewatch.common.Outcome;
import org.sitewatch.common.Reason;

class ResponseLimitsTest {

  @Test
  void ordinaryHeadersAreFine() {
    assertTrue(
        ResponseLimits.headersTooLarge(
                Map.of("Content-Type", List.of("text/html"), "Set-Cookie", List.of("a=1", "b=2")))
            .isEmpty());
  }

  @Test
  void aMegabyteOfHeadersIsDownAndSaysHowMuch() {
    Outcome outcome =
        ResponseLimits.headersTooLarge(Map.of("X-Filler", List.of("a".repeat(1024 * 1024))))
            .orElseThrow();
    assertEquals(Reason.ERROR, outcome.reason());
    assertEquals(
        "response headers too large: 1024 KiB, over the limit of 64 KiB", outcome.message());
  }

  @Test
  void manySmallHeadersCountTogether() {
    Map<String, List<String>> headers = Map.of("X-Filler", List.of("a".repeat(1000)));
    assertTrue(ResponseLimits.headersTooLarge(headers).isEmpty());
    List<String> many = Collections.nCopies(100, "a".repeat(1000));
    assertTrue(ResponseLimits.headersTooLarge(Map.of("X-Filler", many)).isPresent());
  }
}
