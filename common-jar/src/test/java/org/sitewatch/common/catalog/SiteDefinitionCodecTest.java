package org.sitewatch.common.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class SiteDefinitionCodecTest {

  /** site-definition-v1.avsc's; it changes only if the file is edited, which it must never be. */
  private static final String V1_FINGERPRINT = "0xbc31622756bac7fb";

  /** site-definition-v2.avsc's, the version written now; pinned as v1's. */
  private static final String V2_FINGERPRINT = "0xc7b592fd1fde57c1";

  /** A definition as the version 1 codec wrote it (captured before version 2 existed). */
  private static final String V1_SHOP =
      "c301fbc7ba56276231bc0873686f700853686f702a68747470733a2f2f73686f702e6578616d706c652f0208"
          + "7465616d0677656200808ece1c000406000280909de91a00";

  private static final String BODY_PROBLEM = "truncated or corrupt SiteDefinition body: ";

  static SiteDefinition full() {
    AlertChannel hook =
        new AlertChannel(
            "ops-hook",
            AlertChannel.Type.WEBHOOK,
            Optional.of("https://hooks.example.net/sitewatch"),
            Optional.empty(),
            Optional.of("SITEWATCH_ALERT_HOOK_SECRET"),
            List.of());
    AlertChannel chat =
        new AlertChannel(
            "team-chat",
            AlertChannel.Type.SLACK,
            Optional.empty(),
            Optional.of("SITEWATCH_ALERT_SLACK_URL"),
            Optional.empty(),
            List.of());
    AlertChannel mail =
        new AlertChannel(
            "ops-mail",
            AlertChannel.Type.EMAIL,
            Optional.empty(),
            Optional.empty(),
            Optional.empty(),
            List.of("ops@example.net", "oncall@example.net"));
    return new SiteDefinition(
        "example-com",
        "Example",
        "https://example.com/health",
        Map.of("team", "web", "env", "prod"),
        Duration.ofSeconds(30),
        new AlertPolicy(List.of(hook, chat, mail), 2, 4, false, Optional.empty()),
        List.of(
            new MaintenanceWindow(
                Instant.parse("2026-12-24T22:00:00.123456Z"),
                Duration.ofHours(2),
                Optional.of(Duration.ofDays(7))),
            new MaintenanceWindow(
                Instant.parse("2027-01-01T00:00:00Z"), Duration.ofMinutes(30), Optional.empty())));
  }

  private static String rejection(byte[] payload) {
    return assertThrows(
            SiteDefinitionFormatException.class, () -> SiteDefinitionCodec.decode(payload))
        .getMessage();
  }

  @Test
  void aFullDefinitionSurvivesTheRoundTrip() {
    SiteDefinition site = full();

    assertEquals(site, SiteDefinitionCodec.decode(SiteDefinitionCodec.encode(site)));
  }

  @ParameterizedTest
  @MethodSource("barePolicies")
  void aSiteWithoutChannelsOrWindowsSurvivesTheRoundTrip(AlertPolicy policy) {
    SiteDefinition site =
        new SiteDefinition(
            "bare",
            "bare",
            "http://127.0.0.1:8080/",
            Map.of(),
            Duration.ofMinutes(1),
            policy,
            List.of());

    assertEquals(site, SiteDefinitionCodec.decode(SiteDefinitionCodec.encode(site)));
  }

  static Stream<AlertPolicy> barePolicies() {
    return Stream.of(
        AlertPolicy.DEFAULT,
        new AlertPolicy(List.of(), 1, 100, false, Optional.of(Duration.ofHours(1))),
        new AlertPolicy(List.of(), 3, 2, true, Optional.empty(), 2));
  }

  @Test
  void writesVersion2() {
    byte[] payload = SiteDefinitionCodec.encode(full());
    long fingerprint = ByteBuffer.wrap(payload, 2, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();

    assertEquals(
        V2_FINGERPRINT,
        String.format("0x%016x", fingerprint),
        "site-definition-v2.avsc was edited: restore it and add a new version instead");
  }

  @Test
  void readsAVersion1DefinitionAsDecidedByOneLocation() {
    SiteDefinition read = SiteDefinitionCodec.decode(HexFormat.of().parseHex(V1_SHOP));

    assertEquals(
        new SiteDefinition(
            "shop",
            "Shop",
            "https://shop.example/",
            Map.of("team", "web"),
            Duration.ofSeconds(30),
            new AlertPolicy(List.of(), 2, 3, false, Optional.of(Duration.ofHours(1)), 1),
            List.of()),
        read);
    assertTrue(
        String.format(
                "0x%016x",
                ByteBuffer.wrap(HexFormat.of().parseHex(V1_SHOP), 2, 8)
                    .order(ByteOrder.LITTLE_ENDIAN)
                    .getLong())
            .equals(V1_FINGERPRINT),
        "the captured payload is a version 1 one");
  }

  /** Payloads whose framing is wrong, each with the message that names its problem. */
  static Stream<Arguments> badFraming() {
    byte[] unknownVersion = SiteDefinitionCodec.encode(full());
    ByteBuffer.wrap(unknownVersion, 2, 8)
        .order(ByteOrder.LITTLE_ENDIAN)
        .putLong(0x1234abcd5678ef90L);
    return Stream.of(
        Arguments.of(null, "payload is null"),
        Arguments.of(new byte[0], "empty payload"),
        Arguments.of(
            "{\"id\":\"example\"}".getBytes(StandardCharsets.UTF_8),
            "not single-object encoded: starts with 0x7b 0x22, expected 0xc3 0x01"),
        Arguments.of(
            new byte[] {(byte) 0xc3, 0x01, 0x00, 0x00},
            "payload of 4 bytes is too short for a Sitewatch SiteDefinition (at least 10)"),
        Arguments.of(
            unknownVersion,
            "unknown schema fingerprint 0x1234abcd5678ef90 (known: v1 "
                + V1_FINGERPRINT
                + ", v2 "
                + V2_FINGERPRINT
                + ")"));
  }

  @ParameterizedTest
  @MethodSource("badFraming")
  void rejectsAPayloadWhoseFramingIsWrong(byte[] payload, String message) {
    assertEquals(message, rejection(payload));
  }

  @Test
  void rejectsACheckResultPayload() {
    byte[] payload = SiteDefinitionCodec.encode(full());
    // Another record type's payload has another fingerprint.
    ByteBuffer.wrap(payload, 2, 8).order(ByteOrder.LITTLE_ENDIAN).putLong(0xcee14b6137e4958eL);

    assertTrue(rejection(payload).startsWith("unknown schema fingerprint 0xcee14b6137e4958e"));
  }

  @Test
  void rejectsEveryTruncation() {
    byte[] payload = SiteDefinitionCodec.encode(full());
    for (int length = 10; length < payload.length; length++) {
      String message = rejection(Arrays.copyOf(payload, length));
      assertTrue(message.startsWith(BODY_PROBLEM), "cut to " + length + " bytes: " + message);
    }
  }

  @Test
  void rejectsBytesAfterTheLastField() {
    byte[] valid = SiteDefinitionCodec.encode(full());

    String message = rejection(Arrays.copyOf(valid, valid.length + 2));

    assertTrue(
        message.equals(
            BODY_PROBLEM + "2 bytes left over after the last field of v2 " + V2_FINGERPRINT),
        message);
  }

  @Test
  void rejectsValuesTheRecordsRefuse() {
    SiteDefinition site = full();
    byte[] payload = SiteDefinitionCodec.encode(site);
    // failureThreshold 2 is the zigzag varint 0x04 right after the channels; 0 is refused.
    byte[] zero = payload.clone();
    int at = indexOfThresholds(zero);
    zero[at] = 0x00;

    assertEquals(
        "invalid SiteDefinition: thresholds must be at least 1: failure 0, success 4",
        rejection(zero));
  }

  /** Where failureThreshold 2 and successThreshold 4 (0x04 0x08) follow the channel list's end. */
  private static int indexOfThresholds(byte[] payload) {
    for (int i = payload.length - 3; i > 10; i--) {
      if (payload[i - 1] == 0x00 && payload[i] == 0x04 && payload[i + 1] == 0x08) {
        return i;
      }
    }
    throw new AssertionError("thresholds not found");
  }
}
