package org.sitewatch.common.serde;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;
import org.sitewatch.common.CheckResult;
import org.sitewatch.common.Outcome;
import org.sitewatch.common.Reason;
import org.sitewatch.common.ResultIds;

class CheckResultKafkaSerdeTest {

  private static final String TOPIC = "check-results";

  private final CheckResultDeserializer deserializer = new CheckResultDeserializer();

  private static CheckResult result() {
    return new CheckResult(
        ResultIds.next(),
        "example-com",
        "https://example.com/",
        Instant.parse("2025-03-04T05:06:07.123456Z"),
        Duration.ofMillis(3_000),
        null,
        null,
        Outcome.down(Reason.TIMEOUT, "no response within 3 s"));
  }

  @Test
  void deserializerReadsWhatTheCodecWrote() {
    CheckResult result = result();

    assertEquals(result, deserializer.deserialize(TOPIC, CheckResultCodec.encode(result)));
  }

  @Test
  void deserializerReadsThroughTheConsumersByteBufferPath() {
    CheckResult result = result();
    ByteBuffer value = ByteBuffer.wrap(CheckResultCodec.encode(result));

    assertEquals(result, deserializer.deserialize(TOPIC, new RecordHeaders(), value));
  }

  @Test
  void nullStaysNull() {
    assertNull(deserializer.deserialize(TOPIC, null));
  }

  @Test
  void deserializerRejectsGarbageWithTheFormatException() {
    byte[] json = "{\"siteId\":\"example\"}".getBytes(StandardCharsets.UTF_8);

    CheckResultFormatException e =
        assertThrows(CheckResultFormatException.class, () -> deserializer.deserialize(TOPIC, json));
    assertEquals(
        "not single-object encoded: starts with 0x7b 0x22, expected 0xc3 0x01", e.getMessage());
  }
}
