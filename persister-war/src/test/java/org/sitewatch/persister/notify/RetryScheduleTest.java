package org.sitewatch.persister.notify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RetryScheduleTest {

  private final RetrySchedule schedule =
      new RetrySchedule(Duration.ofHours(24), Duration.ofMinutes(5));
  private static final Instant FIRST = Instant.parse("2026-12-04T21:00:00Z");

  private static Notification after(int attempts) {
    Notice notice = Fixtures.down("a");
    return new Notification(1, "7-DOWN", Fixtures.HOOK, notice, attempts, FIRST);
  }

  @Test
  void doublesFromOneSecondToFiveMinutesShortenedByUpToAFifth() {
    Instant now = FIRST.plusSeconds(60);

    assertEquals(Optional.of(now.plusSeconds(1)), schedule.next(after(1), now, 0));
    assertEquals(Optional.of(now.plusSeconds(8)), schedule.next(after(4), now, 0));
    assertEquals(Optional.of(now.plusMillis(6400)), schedule.next(after(4), now, 0.999999));
    assertEquals(Optional.of(now.plusSeconds(300)), schedule.next(after(30), now, 0));
    Instant jittered = schedule.next(after(30), now, 0.5).orElseThrow();
    assertTrue(jittered.isBefore(now.plusSeconds(300)) && jittered.isAfter(now.plusSeconds(239)));
  }

  @Test
  void aShorterLongestDelayCapsTheDoubling() {
    RetrySchedule capped = new RetrySchedule(Duration.ofHours(24), Duration.ofSeconds(20));
    Instant now = FIRST.plusSeconds(60);

    assertEquals(Optional.of(now.plusSeconds(16)), capped.next(after(5), now, 0));
    assertEquals(Optional.of(now.plusSeconds(20)), capped.next(after(6), now, 0));
    assertEquals(Optional.of(now.plusSeconds(20)), capped.next(after(30), now, 0));
  }

  @Test
  void theLastAttemptIsWhenTheRetryPeriodEndsAndThenItIsGivenUp() {
    Instant end = FIRST.plus(Duration.ofHours(24));

    assertEquals(Optional.of(end), schedule.next(after(40), end.minusSeconds(10), 0));
    assertEquals(Optional.empty(), schedule.next(after(41), end, 0));
  }
}
