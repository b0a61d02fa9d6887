package org.sitewatch.common.serde;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.sitewatch.common.CheckResult;
import org.sitewatch.common.Outcome;
import org.sitewatch.common.Reason;

/**
 * Payloads written by the version 1 codec (captured from it before version 2 existed) must stay
 * readable: results of an older checker still sit on the topic after an upgrade.
 */
class CheckResultCodecV1PayloadTest {

  /** An UP result with HTTP 200 and a matched regex, as the v1 codec wrote it. */
  private static final String V1_UP =
      "c301b516948a1561db7701955f8c06937abc8def0123456789ab166578616d706c652d636f6d2868747470733a"
          + "2f2f6578616d706c652e636f6d2f80c0cdafa7df970680890f0290030201000000";

  /** A DOWN result, TIMEOUT with its message, no HTTP status, as the v1 codec wrote it. */
  private static final String V1_DOWN =
      "c301b516948a1561db7701955f8c06947abc8def0123456789ac166578616d706c652d636f6d2868747470733a"
          + "2f2f6578616d706c652e636f6d2f80c0b8b0a7df970680897a000002020402266e6f20616e73776572207769"
          + "7468696e203173";

  @Test
  void readsAVersion1UpResultWithTheNewFieldsAtTheirDefaults() {
    CheckResult result = CheckResultCodec.decode(HexFormat.of().parseHex(V1_UP));

    assertEquals(
        new CheckResult(
            UUID.fromString("01955f8c-0693-7abc-8def-0123456789ab"),
            "example-com",
            "https://example.com/",
            Instant.parse("2025-03-04T05:06:07.123456Z"),
            Duration.ofNanos(123_456_000),
            200,
            true,
            Outcome.up(),
            1,
            null,
            Map.of(),
            null),
        result);
    assertEquals(1, result.attempts(), "a v1 result was one attempt");
    assertNull(result.tlsDaysLeft(), "v1 recorded no certificate");
    assertTrue(result.labels().isEmpty(), "v1 had no labels");
    assertEquals(Optional.empty(), result.startLag(), "v1 did not say when a probe was due");
  }

  @Test
  void readsAVersion1DownResult() {
    CheckResult result = CheckResultCodec.decode(HexFormat.of().parseHex(V1_DOWN));

    assertEquals(Outcome.down(Reason.TIMEOUT, "no answer within 1s"), result.outcome());
    assertNull(result.httpStatus());
    assertNull(result.regexMatched());
    assertEquals(Instant.parse("2025-03-04T05:06:08Z"), result.startedAt());
    assertEquals(Duration.ofSeconds(1), result.duration());
    assertEquals(1, result.attempts());
  }

  @Test
  void aVersion1PayloadCarriesTheVersion1Fingerprint() {
    byte[] payload = HexFormat.of().parseHex(V1_UP);

    assertEquals(
        HexFormat.of().formatHex(fingerprintBytes(CheckResultCodecTest.V1_FINGERPRINT)),
        HexFormat.of().formatHex(payload, 2, 10));
  }

  private static byte[] fingerprintBytes(long fingerprint) {
    return java.nio.ByteBuffer.allocate(8)
        .order(java.nio.ByteOrder.LITTLE_ENDIAN)
        .putLong(fingerprint)
        .array();
  }
}
