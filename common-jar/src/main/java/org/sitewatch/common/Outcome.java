package org.sitewatch.common;

import java.util.Objects;

/**
 * The verdict of one check: UP, or DOWN with a reason category and a short message.
 *
 * @param status UP or DOWN
 * @param reason why it is DOWN; {@code null} when UP
 * @param message a short human explanation; {@code null} when UP
 */
public record Outcome(Status status, Reason reason, String message) {

  /** Messages are for people scanning a list, not for stack traces. */
  public static final int MAX_MESSAGE_LENGTH = 500;

  private static final Outcome UP = new Outcome(Status.UP, null, null);

  /** UP or DOWN. */
  public enum Status {
    UP,
    DOWN
  }

  public Outcome {
    Objects.requireNonNull(status, "status");
    if (status == Status.UP) {
      if (reason != null || message != null) {
        throw new IllegalArgumentException("an UP outcome has no reason and no message");
      }
    } else {
      Objects.requireNonNull(reason, "reason of a DOWN outcome");
      if (message == null || message.isBlank()) {
        throw new IllegalArgumentException("a DOWN outcome needs a message");
      }
      if (message.length() > MAX_MESSAGE_LENGTH) {
        throw new IllegalArgumentException(
            "message is " + message.length() + " chars, at most " + MAX_MESSAGE_LENGTH);
      }
    }
  }

  public static Outcome up() {
    return UP;
  }

  /** A DOWN outcome; an over-long message is cut to {@link #MAX_MESSAGE_LENGTH}. */
  public static Outcome down(Reason reason, String message) {
    String text = message == null || message.isBlank() ? reason.name() : message.strip();
    if (text.length() > MAX_MESSAGE_LENGTH) {
      text = text.substring(0, MAX_MESSAGE_LENGTH - 1) + "…";
    }
    return new Outcome(Status.DOWN, reason, text);
  }

  public boolean isUp() {
    return status == Status.UP;
  }
}
