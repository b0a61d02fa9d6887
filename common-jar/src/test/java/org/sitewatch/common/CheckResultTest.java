package org.sitewatch.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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

  private static CheckResult withNewFields(
      int attempts, Map<String, String> labels, Instant scheduledAt) {
    return new CheckResult(
        ID,
        "example",
        "https://example.com/",
        STARTED,
        Duration.ofMillis(5),
        200,
        null,
        Outcome.up(),
        attempts,
        30,
        labels,
        scheduledAt);
  }

  @Test
  void oneAttemptUnscheduledWithoutLabelsByDefault() {
    CheckResult result = withStatus(200);

    assertEquals(1, result.attempts());
    assertNull(result.tlsDaysLeft());
    assertEquals(Map.of(), result.labels());
    assertNull(result.scheduledAt());
    assertEquals(Optional.empty(), result.startLag());
    assertNull(result.checker());
    assertEquals("default", result.location());
  }

  private static CheckResult probedBy(String checker, String location) {
    return withStatus(200).probedBy(checker, location);
  }

  @Test
  void rejectsABadLocationOrCheckerName() {
    assertEquals(
        "location 'eu west' is not valid: use the characters A-Z a-z 0-9 . _ -",
        assertThrows(IllegalArgumentException.class, () -> probedBy("c1", "eu west")).getMessage());
    assertEquals(
        "location is missing",
        assertThrows(IllegalArgumentException.class, () -> probedBy("c1", null)).getMessage());
    assertEquals(
        "checker is missing",
        assertThrows(IllegalArgumentException.class, () -> probedBy(" ", "eu")).getMessage());
    assertEquals("eu-west.1", probedBy(null, "eu-west.1").location());
  }

  @Test
  void probedByKeepsEverythingElse() {
    CheckResult plain = withNewFields(2, Map.of("team", "web"), STARTED.minusMillis(3));

    CheckResult stamped = plain.probedBy("c1", "eu");

    assertEquals(
        plain, stamped.probedBy(null, CheckResult.DEFAULT_LOCATION), "only the two fields differ");
    assertEquals("c1", stamped.checker());
    assertEquals("eu", stamped.location());
  }

  @Test
  void rejectsAttemptsOutsideOneToMax() {
    assertEquals(
        "attempts 0 is not in 1-10",
        assertThrows(IllegalArgumentException.class, () -> withNewFields(0, Map.of(), null))
            .getMessage());
    assertEquals(
        "attempts 11 is not in 1-10",
        assertThrows(IllegalArgumentException.class, () -> withNewFields(11, Map.of(), null))
            .getMessage());
    assertEquals(10, withNewFields(10, Map.of(), null).attempts());
  }

  @Test
  void startLagIsTheTimeBetweenDueAndStart() {
    CheckResult late = withNewFields(1, Map.of(), STARTED.minusMillis(750));

    assertEquals(Optional.of(Duration.ofMillis(750)), late.startLag());
    assertEquals(Optional.of(Duration.ZERO), withNewFields(1, Map.of(), STARTED).startLag());
  }

  @Test
  void rejectsAScheduleAfterTheStart() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> withNewFields(1, Map.of(), STARTED.plusMillis(1)));

    assertTrue(e.getMessage().startsWith("scheduledAt 2025-03-04T05:06:07.124456Z is after"));
  }

  @Test
  void keepsLabelsSortedAndUnmodifiable() {
    Map<String, String> given = new LinkedHashMap<>();
    given.put("team", "web");
    given.put("env", "prod");

    CheckResult result = withNewFields(1, given, null);

    assertEquals(List.of("env", "team"), List.copyOf(result.labels().keySet()));
    assertThrows(UnsupportedOperationException.class, () -> result.labels().put("x", "y"));
  }

  @Test
  void rejectsBadLabels() {
    Map<String, String> tooMany = new HashMap<>();
    for (int i = 0; i <= CheckResult.MAX_LABELS; i++) {
      tooMany.put("l" + i, "v");
    }
    assertEquals("21 labels, at most 20", labelsError(tooMany));
    assertEquals(
        "label key 'has space' is not valid: use 1 to 64 of the characters A-Z a-z 0-9 . _ / -",
        labelsError(Map.of("has space", "v")));
    assertEquals(
        "label key is 65 characters long, at most 64", labelsError(Map.of("k".repeat(65), "v")));
    assertEquals(
        "value of label 'k' is 257 characters long, at most 256",
        labelsError(Map.of("k", "v".repeat(257))));
    assertEquals(
        "value of label 'k' contains a control character", labelsError(Map.of("k", "a\nb")));
    assertEquals(
        "label key '' is not valid: use 1 to 64 of the characters A-Z a-z 0-9 . _ / -",
        labelsError(Map.of("", "v")));
  }

  private static String labelsError(Map<String, String> labels) {
    return assertThrows(IllegalArgumentException.class, () -> withNewFields(1, labels, null))
        .getMessage();
  }
}
