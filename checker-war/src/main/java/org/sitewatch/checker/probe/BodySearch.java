package org.sitewatch.checker.probe;

import java.util.regex.Pattern;

/**
 * Searches a body for the site's regex until the probe's deadline. A user's pattern can backtrack
 * for hours ({@code .*Welcome} on a megabyte-long line is quadratic) and Java's matcher cannot be
 * interrupted, so the text it reads looks at the clock as it goes and ends the search itself.
 */
final class BodySearch {

  /** Characters the matcher reads between two looks at the clock: cheap, yet well under 1 ms. */
  private static final int CHECK_EVERY = 4096;

  private BodySearch() {}

  /**
   * Whether {@code pattern} is found in {@code text}.
   *
   * @param deadlineNanos the {@link System#nanoTime()} at which the search gives up
   * @throws DeadlinePassed if the search was still running at the deadline
   */
  static boolean find(Pattern pattern, String text, long deadlineNanos) {
    return pattern.matcher(new Deadlined(text, deadlineNanos)).find();
  }

  /** The search ran into the probe's deadline. */
  static final class DeadlinePassed extends RuntimeException {
    private DeadlinePassed() {
      // Thrown to unwind the matcher, not to be debugged: no stack trace to fill in.
      super("the body regex search ran into the deadline", null, false, false);
    }
  }

  /** The text, read by one matcher on one thread. */
  private static final class Deadlined implements CharSequence {

    private final String text;
    private final long deadlineNanos;
    private int reads;

    Deadlined(String text, long deadlineNanos) {
      this.text = text;
      this.deadlineNanos = deadlineNanos;
    }

    @Override
    public char charAt(int index) {
      if (++reads == CHECK_EVERY) {
        reads = 0;
        if (System.nanoTime() - deadlineNanos >= 0) {
          throw new DeadlinePassed();
        }
      }
      return text.charAt(index);
    }

    @Override
    public int length() {
      return text.length();
    }

    @Override
    public CharSequence subSequence(int start, int end) {
      return new Deadlined(text.substring(start, end), deadlineNanos);
    }

    @Override
    public String toString() {
      return text;
    }
  }
}
