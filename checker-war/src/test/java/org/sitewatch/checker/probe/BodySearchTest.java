package org.sitewatch.checker.probe;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class BodySearchTest {

  private static final long TWO_SECONDS = Duration.ofSeconds(2).toNanos();

  private static long inTwoSeconds() {
    return System.nanoTime() + TWO_SECONDS;
  }

  @Test
  void aQuickSearchFindsOrMissesAsTheMatcherWould() {
    assertTrue(BodySearch.find(Pattern.compile("Wel+come"), "<h1>Welcome</h1>", inTwoSeconds()));
    assertFalse(BodySearch.find(Pattern.compile("Welcome"), "<h1>Hello</h1>", inTwoSeconds()));
  }

  @Test
  void aCatastrophicSearchEndsAtTheDeadline() {
    String megabyteLine = "a".repeat(1024 * 1024);
    Pattern quadratic = Pattern.compile(".*Welcome");
    long start = System.nanoTime();
    assertTimeoutPreemptively(
        Duration.ofSeconds(5),
        () ->
            assertThrows(
                BodySearch.DeadlinePassed.class,
                () -> BodySearch.find(quadratic, megabyteLine, start + TWO_SECONDS)),
        "the search must end at its 2 s deadline, well before 5 s");
    long tookMillis = Duration.ofNanos(System.nanoTime() - start).toMillis();
    assertTrue(tookMillis >= 1900, "ended at the deadline, not before it: " + tookMillis + " ms");
  }

  @Test
  void aSearchStartedAfterItsDeadlineEndsAtOnce() {
    assertThrows(
        BodySearch.DeadlinePassed.class,
        () ->
            BodySearch.find(Pattern.compile(".*Welcome"), "a".repeat(100_000), System.nanoTime()));
  }
}
