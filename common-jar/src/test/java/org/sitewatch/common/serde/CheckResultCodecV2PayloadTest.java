package org.sitewatch.common.serde;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.sitewatch.common.CheckResult;
import org.sitewatch.common.Outcome;
import org.sitewatch.common.Reason;

/**
 * A payload written by the version 2 codec (captured from it before version 3 existed) must stay
 * readable: results of checkers not yet upgraded still arrive after the persister is.
 */
class CheckResultCodecV2PayloadTest {

  /** A DOWN result after two attempts, with labels, TLS days and a due time, as v2 wrote it. */
  private static final String V2_DOWN =
      "c3018e95e437614be1ce019af9a12b3c7d4e8f0123456789abcd0873686f702a68747470733a2f2f73686f702e"
          + "6578616d706c652fa0e29f9f8982b10680c56602ee07000202000210485454502035303304025202087465616d"
          + "06776562000280a0819f8982b106";

  @Test
  void readsAVersion2ResultAsProbedByAnUnnamedCheckerInTheDefaultLocation() {
    CheckResult result = CheckResultCodec.decode(HexFormat.of().parseHex(V2_DOWN));

    assertEquals(
        new CheckResult(
            UUID.fromString("019af9a1-2b3c-7d4e-8f01-23456789abcd"),
            "shop",
            "https://shop.example/",
            Instant.parse("2026-12-07T10:00:00.250Z"),
            Duration.ofMillis(840),
            503,
            null,
            Outcome.down(Reason.HTTP_STATUS, "HTTP 503"),
            2,
            41,
            Map.of("team", "web"),
            Instant.parse("2026-12-07T10:00:00Z")),
        result);
    assertNull(result.checker(), "v2 did not name its checker");
    assertEquals(CheckResult.DEFAULT_LOCATION, result.location());
  }
}
