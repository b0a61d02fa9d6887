package org.sitewatch.common.serde;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Random;
import java.util.function.Consumer;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.message.BinaryMessageEncoder;
import org.junit.jupiter.api.Test;
import org.sitewatch.common.CheckResult;
import org.sitewatch.common.Outcome;
import org.sitewatch.common.Reason;
import org.sitewatch.common.ResultIds;

class CheckResultCodecMalformedTest {

  private static final String BODY_PROBLEM = "truncated or corrupt CheckResult body: ";

  private static byte[] valid() {
    return CheckResultCodec.encode(
        new CheckResult(
            ResultIds.next(),
            "example-com",
            "https://example.com/",
            Instant.parse("2025-03-04T05:06:07.123456Z"),
            Duration.ofMillis(250),
            503,
            null,
            Outcome.down(Reason.HTTP_STATUS, "HTTP 503, expected 200")));
  }

  private static String rejection(byte[] payload) {
    return assertThrows(CheckResultFormatException.class, () -> CheckResultCodec.decode(payload))
        .getMessage();
  }

  /** The 10-byte header of v1 followed by {@code body}. */
  private static byte[] v1Header(byte... body) {
    byte[] payload = Arrays.copyOf(valid(), 10 + body.length);
    System.arraycopy(body, 0, payload, 10, body.length);
    return payload;
  }

  @Test
  void rejectsNullAndEmpty() {
    assertEquals("payload is null", rejection(null));
    assertEquals("empty payload", rejection(new byte[0]));
  }

  @Test
  void rejectsPayloadShorterThanTheHeader() {
    assertEquals(
        "payload of 3 bytes is too short for a Sitewatch CheckResult (at least 10)",
        rejection(new byte[] {(byte) 0xc3, 0x01, 0x00}));
    assertEquals(
        "payload of 1 byte is too short for a Sitewatch CheckResult (at least 10)",
        rejection(new byte[] {(byte) 0xc3}));
  }

  @Test
  void rejectsPayloadWithoutTheMarker() {
    byte[] json = "{\"siteId\":\"example\"}".getBytes(StandardCharsets.UTF_8);

    assertEquals(
        "not single-object encoded: starts with 0x7b 0x22, expected 0xc3 0x01", rejection(json));
  }

  @Test
  void rejectsUnknownFingerprintNamingTheKnownOnes() {
    byte[] payload = valid();
    ByteBuffer.wrap(payload, 2, 8).order(ByteOrder.LITTLE_ENDIAN).putLong(0x1234abcd5678ef90L);

    assertEquals(
        "unknown schema fingerprint 0x1234abcd5678ef90 (known: v1 0x77db61158a9416b5, v2 0xcee14b6137e4958e, v3 0x178e61154c3ad4b5)",
        rejection(payload));
  }

  @Test
  void rejectsHeaderWithoutBody() {
    assertEquals(BODY_PROBLEM + "payload ends inside a field", rejection(v1Header()));
  }

  @Test
  void rejectsEveryTruncation() {
    byte[] payload = valid();
    for (int length = 11; length < payload.length; length++) {
      String message = rejection(Arrays.copyOf(payload, length));
      assertTrue(message.startsWith(BODY_PROBLEM), "cut to " + length + " bytes: " + message);
    }
  }

  @Test
  void rejectsBytesAfterTheLastField() {
    byte[] valid = valid();
    byte[] payload = Arrays.copyOf(valid, valid.length + 3);

    assertEquals(
        BODY_PROBLEM + "3 bytes left over after the last field of v3 0x178e61154c3ad4b5",
        rejection(payload));
  }

  @Test
  void rejectsRandomBytesAfterAValidHeader() {
    byte[] body = new byte[60];
    new Random(7).nextBytes(body);

    String message = rejection(v1Header(body));

    assertTrue(message.startsWith(BODY_PROBLEM), message);
  }

  @Test
  void neverLetsAnythingButCheckResultFormatExceptionEscape() {
    byte[] valid = valid();
    Random random = new Random(42);
    int rejected = 0;
    for (int i = 0; i < 5_000; i++) {
      byte[] payload = Arrays.copyOf(valid, 11 + random.nextInt(valid.length - 10));
      for (int flips = 1 + random.nextInt(3); flips > 0; flips--) {
        payload[10 + random.nextInt(payload.length - 10)] ^= (byte) (1 + random.nextInt(255));
      }
      try {
        CheckResultCodec.decode(payload);
      } catch (CheckResultFormatException e) {
        rejected++;
      }
    }
    assertTrue(rejected > 2_500, rejected + " of 5000 damaged payloads rejected");
  }

  @Test
  void rejectsHugeStringLengthWithoutAllocatingIt() {
    byte[] id = new byte[16];
    // siteId's length prefix announces 1 GB, and nothing follows.
    byte[] payload = v1Header(concat(id, varint(1_000_000_000L)));
    com.sun.management.ThreadMXBean threads =
        (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    long before = threads.getCurrentThreadAllocatedBytes();

    String message = rejection(payload);

    long allocated = threads.getCurrentThreadAllocatedBytes() - before;
    assertTrue(allocated < 16_000_000, allocated + " bytes allocated to reject the payload");
    assertEquals(BODY_PROBLEM + "payload ends inside a field", message);
  }

  @Test
  void rejectsNegativeStringLength() {
    byte[] payload = v1Header(concat(new byte[16], varint(-5)));

    assertTrue(rejection(payload).startsWith(BODY_PROBLEM));
  }

  @Test
  void rejectsNegativeDurationKeepingTheCause() {
    byte[] payload = handEncoded(r -> r.put("durationMicros", -5L));

    CheckResultFormatException e =
        assertThrows(CheckResultFormatException.class, () -> CheckResultCodec.decode(payload));

    assertEquals("invalid CheckResult: duration is negative: PT-0.000005S", e.getMessage());
    assertInstanceOf(IllegalArgumentException.class, e.getCause());
  }

  @Test
  void rejectsValuesACheckResultRefuses() {
    assertEquals(
        "invalid CheckResult: httpStatus 700 is not in 100-599",
        rejection(handEncoded(r -> r.put("httpStatus", 700))));
    assertEquals(
        "invalid CheckResult: siteId is 201 chars, at most 200",
        rejection(handEncoded(r -> r.put("siteId", "s".repeat(201)))));
    assertEquals(
        "invalid CheckResult: an UP outcome has no reason and no message",
        rejection(
            handEncoded(r -> r.put("status", new GenericData.EnumSymbol(statusSchema(r), "UP")))));
    assertEquals(
        "invalid CheckResult: missing reason of a DOWN outcome",
        rejection(handEncoded(r -> r.put("reason", null))));
    assertEquals(
        "invalid CheckResult: a DOWN outcome needs a message",
        rejection(handEncoded(r -> r.put("message", null))));
  }

  /**
   * A DOWN result written directly with the v1 schema, as another writer could, after {@code
   * change} set the fields under test.
   */
  private static byte[] handEncoded(Consumer<GenericRecord> change) {
    Schema v1 = v1Schema();
    GenericRecord record = new GenericData.Record(v1);
    record.put("id", new GenericData.Fixed(v1.getField("id").schema(), new byte[16]));
    record.put("siteId", "example");
    record.put("url", "https://example.com/");
    record.put("startedAt", 1_741_064_767_123_456L);
    record.put("durationMicros", 250_000L);
    record.put("httpStatus", 503);
    record.put("regexMatched", null);
    record.put("status", new GenericData.EnumSymbol(statusSchema(record), "DOWN"));
    record.put(
        "reason",
        new GenericData.EnumSymbol(
            v1.getField("reason").schema().getTypes().get(1), "HTTP_STATUS"));
    record.put("message", "HTTP 503");
    change.accept(record);
    try {
      ByteBuffer encoded =
          new BinaryMessageEncoder<GenericRecord>(GenericData.get(), v1).encode(record);
      return Arrays.copyOfRange(encoded.array(), encoded.position(), encoded.limit());
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }

  private static Schema statusSchema(GenericRecord record) {
    return record.getSchema().getField("status").schema();
  }

  private static Schema v1Schema() {
    try (InputStream in =
        CheckResultCodecMalformedTest.class.getResourceAsStream("check-result-v1.avsc")) {
      return new Schema.Parser().parse(in);
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }

  private static byte[] varint(long value) {
    long zigzag = (value << 1) ^ (value >> 63);
    byte[] out = new byte[10];
    int n = 0;
    while ((zigzag & ~0x7fL) != 0) {
      out[n++] = (byte) ((zigzag & 0x7f) | 0x80);
      zigzag >>>= 7;
    }
    out[n++] = (byte) zigzag;
    return Arrays.copyOf(out, n);
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] out = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }
}
