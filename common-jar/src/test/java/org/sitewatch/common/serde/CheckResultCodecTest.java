package org.sitewatch.common.serde;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.sitewatch.common.CheckResult;
import org.sitewatch.common.Outcome;
import org.sitewatch.common.Reason;
import org.sitewatch.common.ResultIds;

class CheckResultCodecTest {

  /** check-result-v1.avsc's fingerprint; CheckResultSchemaV1Test pins it to the file. */
  static final long V1_FINGERPRINT = 0x77db61158a9416b5L;

  /** check-result-v2.avsc's fingerprint; pinned to the file as v1's is. */
  static final long V2_FINGERPRINT = 0xcee14b6137e4958eL;

  /** check-result-v3.avsc's fingerprint, the version written now; pinned to the file as v1's is. */
  static final long V3_FINGERPRINT = 0x178e61154c3ad4b5L;

  private static final Instant STARTED = Instant.parse("2025-03-04T05:06:07.123456Z");

  private static CheckResult result(Integer httpStatus, Boolean regexMatched, Outcome outcome) {
    return new CheckResult(
        ResultIds.next(STARTED),
        "example-com",
        "https://example.com/",
        STARTED,
        Duration.ofNanos(123_456_000),
        httpStatus,
        regexMatched,
        outcome);
  }

  private static CheckResult roundTrip(CheckResult result) {
    return CheckResultCodec.decode(CheckResultCodec.encode(result));
  }

  @Test
  void roundTripsUpWithoutOptionalFields() {
    CheckResult up = result(null, null, Outcome.up());

    assertEquals(up, roundTrip(up));
  }

  @ParameterizedTest
  @EnumSource(Reason.class)
  void roundTripsDownWithEachReason(Reason reason) {
    CheckResult down = result(503, false, Outcome.down(reason, "went wrong: " + reason));

    assertEquals(down, roundTrip(down));
  }

  @ParameterizedTest
  @CsvSource(
      nullValues = "none",
      value = {"none, none", "200, true", "200, false", "none, false", "599, none", "100, true"})
  void roundTripsHttpStatusAndRegexPresentOrAbsent(Integer httpStatus, Boolean regexMatched) {
    CheckResult result = result(httpStatus, regexMatched, Outcome.up());

    CheckResult decoded = roundTrip(result);

    assertEquals(httpStatus, decoded.httpStatus());
    assertEquals(regexMatched, decoded.regexMatched());
  }

  @ParameterizedTest
  @CsvSource({
    "2025-03-04T05:06:07.123456Z, 1",
    "2025-03-04T05:06:07.000001Z, 987654321",
    "1969-12-31T23:59:59.999999Z, 0",
    "1970-01-01T00:00:00Z, 31536000000000"
  })
  void keepsMicrosecondsOfStartAndDuration(Instant startedAt, long durationMicros) {
    CheckResult result =
        new CheckResult(
            UUID.fromString("01955f8c-0693-7abc-8def-0123456789ab"),
            "example",
            "https://example.com/",
            startedAt,
            Duration.ofNanos(durationMicros * 1000),
            200,
            null,
            Outcome.up());

    CheckResult decoded = roundTrip(result);

    assertEquals(startedAt, decoded.startedAt());
    assertEquals(durationMicros * 1000, decoded.duration().toNanos());
  }

  @Test
  void roundTripsNonAsciiTextAsUtf8() {
    String url = "https://bücher.example/straße?q=日本語";
    CheckResult result =
        new CheckResult(
            ResultIds.next(),
            "café-站点",
            url,
            STARTED,
            Duration.ofMillis(30),
            null,
            null,
            Outcome.down(Reason.DNS, "Name nicht auflösbar — 无法解析 🚫"));

    byte[] encoded = CheckResultCodec.encode(result);

    assertEquals(result, CheckResultCodec.decode(encoded));
    assertTrue(
        indexOf(encoded, url.getBytes(StandardCharsets.UTF_8)) > 0,
        "URL is in the payload as UTF-8");
  }

  @Test
  void startsWithSingleObjectMarkerAndV3Fingerprint() {
    byte[] encoded = CheckResultCodec.encode(result(200, true, Outcome.up()));

    assertArrayEquals(new byte[] {(byte) 0xc3, 0x01}, Arrays.copyOf(encoded, 2));
    long fingerprint = ByteBuffer.wrap(encoded, 2, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
    assertEquals(V3_FINGERPRINT, fingerprint, "fingerprint after the marker");
  }

  @Test
  void roundTripsTheCheckerAndItsLocation() {
    CheckResult plain = result(200, null, Outcome.up());
    CheckResult probed =
        new CheckResult(
            plain.id(),
            plain.siteId(),
            plain.url(),
            plain.startedAt(),
            plain.duration(),
            plain.httpStatus(),
            plain.regexMatched(),
            plain.outcome(),
            1,
            null,
            Map.of(),
            null,
            "checker-eu-1",
            "eu-west");

    CheckResult decoded = roundTrip(probed);

    assertEquals(probed, decoded);
    assertEquals("checker-eu-1", decoded.checker());
    assertEquals("eu-west", decoded.location());
  }

  @Test
  void encodesTypicalResultsCompactly() {
    byte[] up = CheckResultCodec.encode(result(200, true, Outcome.up()));
    byte[] down =
        CheckResultCodec.encode(
            result(503, null, Outcome.down(Reason.HTTP_STATUS, "HTTP 503, expected 200")));

    assertEquals(91, up.length, "bytes of a typical unscheduled UP result");
    assertTrue(down.length < 120, "a typical DOWN result is " + down.length + " bytes");
  }

  @Test
  void roundTripsAttemptsTlsDaysLabelsAndSchedule() {
    CheckResult result =
        new CheckResult(
            ResultIds.next(STARTED),
            "example-com",
            "https://example.com/",
            STARTED,
            Duration.ofMillis(2_400),
            200,
            null,
            Outcome.down(Reason.TLS_EXPIRING, "certificate expires in 3 days"),
            3,
            -2,
            Map.of("team", "payments", "env/tier", "prod ü"),
            STARTED.minusMillis(1_250));

    CheckResult decoded = roundTrip(result);

    assertEquals(result, decoded);
    assertEquals(3, decoded.attempts());
    assertEquals(-2, decoded.tlsDaysLeft());
    assertEquals(Map.of("team", "payments", "env/tier", "prod ü"), decoded.labels());
    assertEquals(Optional.of(Duration.ofMillis(1_250)), decoded.startLag());
  }

  @Test
  void refusesToEncodeAStartBeyondMicrosecondsInALong() {
    CheckResult farFuture =
        new CheckResult(
            ResultIds.next(),
            "example",
            "https://example.com/",
            Instant.MAX,
            Duration.ZERO,
            null,
            null,
            Outcome.up());

    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> CheckResultCodec.encode(farFuture));
    assertTrue(e.getMessage().contains("does not fit in a long of microseconds"), e.getMessage());
  }

  @Test
  void encodesAndDecodesFromConcurrentThreads() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<?>> workers = new ArrayList<>();
      for (int t = 0; t < 4; t++) {
        int worker = t;
        workers.add(
            pool.submit(
                () -> {
                  for (int i = 0; i < 2_000; i++) {
                    CheckResult result =
                        result(
                            200 + worker,
                            i % 2 == 0,
                            Outcome.down(Reason.SLOW, "worker " + worker + " call " + i));
                    assertEquals(result, roundTrip(result));
                  }
                  return null;
                }));
      }
      for (Future<?> w : workers) {
        w.get(60, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }
  }

  private static int indexOf(byte[] haystack, byte[] needle) {
    outer:
    for (int i = 0; i <= haystack.length - needle.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (haystack[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }
}
