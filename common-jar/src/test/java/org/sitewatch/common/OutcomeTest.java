package org.sitewatch.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class OutcomeTest {

  @Test
  void rejectsUpWithReason() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> new Outcome(Outcome.Status.UP, Reason.SLOW, "slow"));

    assertEquals("an UP outcome has no reason and no message", e.getMessage());
  }

  @Test
  void rejectsDownWithoutMessage() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> new Outcome(Outcome.Status.DOWN, Reason.TIMEOUT, null));

    assertEquals("a DOWN outcome needs a message", e.getMessage());
  }

  @Test
  void rejectsDownWithoutReason() {
    assertThrows(
        NullPointerException.class, () -> new Outcome(Outcome.Status.DOWN, null, "no idea"));
  }

  @Test
  void downDefaultsAMissingMessageToTheReason() {
    assertEquals("TIMEOUT", Outcome.down(Reason.TIMEOUT, null).message());
    assertEquals("DNS", Outcome.down(Reason.DNS, "  ").message());
  }

  @Test
  void downCutsAnOverlongMessage() {
    Outcome outcome = Outcome.down(Reason.ERROR, "x".repeat(Outcome.MAX_MESSAGE_LENGTH + 50));

    assertEquals(Outcome.MAX_MESSAGE_LENGTH, outcome.message().length());
    assertEquals('…', outcome.message().charAt(Outcome.MAX_MESSAGE_LENGTH - 1));
  }

  @Test
  void rejectsOverlongMessageInTheConstructor() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                new Outcome(
                    Outcome.Status.DOWN, Reason.ERROR, "x".repeat(Outcome.MAX_MESSAGE_LENGTH + 1)));

    assertEquals("message is 501 chars, at most 500", e.getMessage());
  }
}
