package org.sitewatch.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class CheckResultTest {

  private static final UUID ID = UUID.fromString("01955f8c-0693-7abc-8def-0123456789ab");
  private static final Instant STARTED = Instant.parse("2025-03-04T05:06:07.123456789Z");

  private static CheckResult withSiteId(String siteId) {
    return new CheckResult(
        ID, siteId, "https://example.com/", STARTED, Duration.ofMillis(5), 200, null, Outcome.up());
  }

  private static CheckResult withStatus(Integer httpStatus) {
    return new CheckResult(
        ID,
        "example",
        "https://example.com/",
        STARTED,
        Duration.ofMillis(5),
        httpStatus,
        null,
        Outcome.up());
  }

  @Test
  void truncatesTimesToMicroseconds() {
    CheckResult result =
        new CheckResult(
            ID,
            "example",
            "https://example.com/",
            STARTED,
            Duration.ofNanos(1_234_567),
            200,
            true,
            Outcome.up());

    assertEquals(Instant.parse("2025-03-04T05:06:07.123456Z"), result.startedAt());
    assertEquals(Duration.ofNanos(1_234_000), result.duration());
  }

  @Test
  void acceptsSiteIdOfMaximumLength() {
    String siteId = "s".repeat(CheckResult.MAX_SITE_ID_LENGTH);

    assertEquals(siteId, withSiteId(siteId).siteId());
  }

  @Test
  void rejectsTooLongSiteId() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> withSiteId("s".repeat(CheckResult.MAX_SITE_ID_LENGTH + 1)));

    assertEquals("siteId is 201 chars, at most 200", e.getMessage());
  }

  @Test
  void rejectsBlankSiteId() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> withSiteId(" "));

    assertEquals("siteId is missing", e.getMessage());
  }

  @Test
  void rejectsHttpStatusOutside100To599() {
    assertEquals(
        "httpStatus 700 is not in 100-599",
        assertThrows(IllegalArgumentException.class, () -> withStatus(700)).getMessage());
    assertEquals(
        "httpStatus 99 is not in 100-599",
        assertThrows(IllegalArgumentException.class, () -> withStatus(99)).getMessage());
    assertEquals(599, withStatus(599).httpStatus());
    assertNull(withStatus(null).httpStatus());
  }

  @Test
  void rejectsNegativeDuration() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                new CheckResult(
                    ID,
                    "example",
                    "https://example.com/",
                    STARTED,
                    Duration.ofMillis(-1),
                    null,
                    null,
                    Outcome.down(Reason.ERROR, "clock went back")));

    assertEquals("duration is negative: PT-0.001S", e.getMessage());
  }
}
