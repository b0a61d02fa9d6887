package org.sitewatch.support.duration;

import java.time.Duration;
import org.sitewatch.support.text.MessageText;

/**
 * Durations as Sitewatch writes them, in the sites file and in every setting ({@link
 * DurationConverter}): a whole number followed by a unit, {@code ms}, {@code s}, {@code m}, {@code
 * h} or {@code d} (24 hours), optionally combined from the largest unit to the smallest, as in
 * {@code 500ms}, {@code 30s}, {@code 5m}, {@code 1h}, {@code 7d} or {@code 1m30s}.
 *
 * <p>A bare number is rejected: {@code 60} could mean seconds or milliseconds, so the unit is
 * required.
 */
public final class Durations {

  private static final String[] UNITS = {"d", "h", "m", "s", "ms"};
  private static final String EXAMPLES = "e.g. 500ms, 30s, 5m, 1h, 7d or 1m30s";
  private static final int MAX_DIGITS = 12;

  private Durations() {}

  /**
   * Parses a duration such as {@code 30s} or {@code 1m30s}.
   *
   * @throws IllegalArgumentException with a message fit to show the user, when the text is not a
   *     duration
   */
  public static Duration parse(String text) {
    if (text == null || text.isBlank()) {
      throw new IllegalArgumentException("no duration given (" + EXAMPLES + ")");
    }
    String quoted = MessageText.quote(text);
    if (text.chars().allMatch(c -> c >= '0' && c <= '9')) {
      throw new IllegalArgumentException(
          quoted + " has no unit: units are required (ms, s, m, h or d), e.g. " + text + "s");
    }
    Duration total = Duration.ZERO;
    int lastUnit = -1;
    int i = 0;
    while (i < text.length()) {
      int digitsStart = i;
      while (i < text.length() && text.charAt(i) >= '0' && text.charAt(i) <= '9') {
        i++;
      }
      int unitStart = i;
      while (i < text.length() && text.charAt(i) >= 'a' && text.charAt(i) <= 'z') {
        i++;
      }
      if (digitsStart == unitStart) {
        throw new IllegalArgumentException(quoted + " is not a duration (" + EXAMPLES + ")");
      }
      if (unitStart == i) {
        if (i < text.length() && text.charAt(i) == '.') {
          throw new IllegalArgumentException(
              quoted + " is not a duration: use whole numbers, e.g. 1500ms rather than 1.5s");
        }
        if (i < text.length()) {
          throw new IllegalArgumentException(quoted + " is not a duration (" + EXAMPLES + ")");
        }
        throw new IllegalArgumentException(
            quoted + " ends in a number without a unit: units are required (ms, s, m, h or d)");
      }
      String unit = text.substring(unitStart, i);
      int unitIndex = unitIndex(unit);
      if (unitIndex < 0) {
        throw new IllegalArgumentException(
            quoted + " has an unknown unit '" + unit + "' (use ms, s, m, h or d)");
      }
      if (unitIndex <= lastUnit) {
        throw new IllegalArgumentException(
            quoted + " is not a duration: write units from largest to smallest, each once");
      }
      lastUnit = unitIndex;
      String digits = text.substring(digitsStart, unitStart);
      if (digits.length() > MAX_DIGITS) {
        throw new IllegalArgumentException(quoted + " is too long a duration");
      }
      total = total.plus(of(Long.parseLong(digits), unit));
    }
    return total;
  }

  /** Why the text is not a duration, in words fit to show the user. */
  public static String problem(String text) {
    try {
      parse(text);
      return MessageText.quote(text) + " is not a duration (" + EXAMPLES + ")";
    } catch (IllegalArgumentException e) {
      return e.getMessage();
    }
  }

  /**
   * Formats a duration the way the sites file writes it, e.g. {@code 1m30s}, in hours at most (a
   * day is {@code 24h}); the inverse of {@link #parse(String)} for durations of whole milliseconds
   * written without days.
   */
  public static String format(Duration duration) {
    if (duration.isNegative() || duration.getNano() % 1_000_000 != 0) {
      return duration.toString();
    }
    if (duration.isZero()) {
      return "0s";
    }
    StringBuilder text = new StringBuilder();
    append(text, duration.toHours(), "h");
    append(text, duration.toMinutesPart(), "m");
    append(text, duration.toSecondsPart(), "s");
    append(text, duration.toMillisPart(), "ms");
    return text.toString();
  }

  private static void append(StringBuilder text, long amount, String unit) {
    if (amount != 0) {
      text.append(amount).append(unit);
    }
  }

  private static int unitIndex(String unit) {
    for (int i = 0; i < UNITS.length; i++) {
      if (UNITS[i].equals(unit)) {
        return i;
      }
    }
    return -1;
  }

  private static Duration of(long amount, String unit) {
    return switch (unit) {
      case "d" -> Duration.ofDays(amount);
      case "h" -> Duration.ofHours(amount);
      case "m" -> Duration.ofMinutes(amount);
      case "s" -> Duration.ofSeconds(amount);
      default -> Duration.ofMillis(amount);
    };
  }
}
