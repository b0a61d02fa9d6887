package org.sitewatch.persister.ingest;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.sitewatch.common.CheckResult;
import org.sitewatch.common.Outcome;
import org.sitewatch.common.Reason;
import org.sitewatch.persister.schema.Retention;

class ResultRulesTest {

  private static final Instant NOW = Instant.parse("2026-03-31T10:15:00Z");

  private final ResultRules rules =
      new ResultRules(
          new Retention(30, 7), Duration.ofMinutes(5), Clock.fixed(NOW, ZoneOffset.UTC));

  private static CheckResult startedAt(Instant startedAt) {
    return new CheckResult(
        UUID.randomUUID(),
        "shop",
        "https://shop.example",
        startedAt,
        Duration.ofMillis(80),
        503,
        null,
        Outcome.down(Reason.HTTP_STATUS, "503 Service Unavailable"));
  }

  @Test
  void acceptsAResultFromNowWithItsSiteAsKeyOrNoKey() {
    assertDoesNotThrow(() -> rules.check(startedAt(NOW), "shop"));
    assertDoesNotThrow(() -> rules.check(startedAt(NOW), null));
  }

  @Test
  void refusesAKeyThatIsNotTheSite() {
    InvalidResultException e =
        assertThrows(InvalidResultException.class, () -> rules.check(startedAt(NOW), "blog"));
    assertTrue(e.getMessage().contains("'blog'"), "names the key: " + e.getMessage());
  }

  @Test
  void acceptsUpToTheClockSkewAheadAndRefusesMore() {
    assertDoesNotThrow(() -> rules.check(startedAt(NOW.plus(Duration.ofMinutes(5))), "shop"));

    InvalidResultException e =
        assertThrows(
            InvalidResultException.class,
            () -> rules.check(startedAt(NOW.plus(Duration.ofMinutes(5)).plusMillis(1)), "shop"));
    assertTrue(e.getMessage().contains("startedAt"), "names the field: " + e.getMessage());
    assertTrue(
        e.getMessage().contains("sitewatch.persister.max-clock-skew"),
        "names the setting: " + e.getMessage());
  }

  @Test
  void acceptsTheOldestKeptDayAndRefusesWhatIsBefore() {
    Instant oldestKept = Instant.parse("2026-03-01T00:00:00Z");

    assertDoesNotThrow(() -> rules.check(startedAt(oldestKept), "shop"));
    InvalidResultException e =
        assertThrows(
            InvalidResultException.class,
            () -> rules.check(startedAt(oldestKept.minusNanos(1000)), "shop"));
    assertTrue(e.getMessage().contains("30 days"), "names the retention: " + e.getMessage());
  }

  private static CheckResult v2(String url, Integer tlsDaysLeft, Instant scheduledAt) {
    return new CheckResult(
        UUID.randomUUID(),
        "shop",
        url,
        NOW,
        Duration.ofMillis(80),
        200,
        null,
        Outcome.up(),
        2,
        tlsDaysLeft,
        Map.of("team", "web"),
        scheduledAt);
  }

  @Test
  void acceptsAStartLagUpToOneDayAndRefusesMore() {
    assertDoesNotThrow(
        () -> rules.check(v2("https://shop.example", 40, NOW.minus(Duration.ofDays(1))), "shop"));

    InvalidResultException e =
        assertThrows(
            InvalidResultException.class,
            () ->
                rules.check(
                    v2("https://shop.example", 40, NOW.minus(Duration.ofDays(1)).minusMillis(1)),
                    "shop"));
    assertTrue(e.getMessage().startsWith("scheduledAt "), "names the field: " + e.getMessage());
  }

  @Test
  void refusesTlsDaysLeftOnAPlainHttpResult() {
    assertDoesNotThrow(() -> rules.check(v2("HTTPS://shop.example", -3, null), "shop"));
    assertDoesNotThrow(() -> rules.check(v2("http://shop.example", null, null), "shop"));

    InvalidResultException e =
        assertThrows(
            InvalidResultException.class,
            () -> rules.check(v2("http://shop.example", 12, null), "shop"));
    assertTrue(e.getMessage().contains("tlsDaysLeft 12"), "names the field: " + e.getMessage());
  }
}
