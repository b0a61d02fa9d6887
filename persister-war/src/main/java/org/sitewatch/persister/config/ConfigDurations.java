package org.sitewatch.persister.config;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a duration setting as people write it ({@code 200ms}, {@code 2s}, {@code 5m}) or ISO-8601.
 */
public final class ConfigDurations {

  private static final Pattern SIMPLE_DURATION = Pattern.compile("(\\d+)\\s*(ms|s|m|h)");

  private ConfigDurations() {}

  /**
   * @param property the setting's name, for the error
   * @throws IllegalArgumentException naming the setting when {@code text} is no duration
   */
  public static Duration parse(String property, String text) {
    String value = text.strip();
    Matcher simple = SIMPLE_DURATION.matcher(value.toLowerCase(Locale.ROOT));
    if (simple.matches()) {
      long amount = Long.parseLong(simple.group(1));
      return switch (simple.group(2)) {
        case "ms" -> Duration.ofMillis(amount);
        case "s" -> Duration.ofSeconds(amount);
        case "m" -> Duration.ofMinutes(amount);
        default -> Duration.ofHours(amount);
      };
    }
    try {
      return Duration.parse(value);
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(
          property + " must look like 200ms, 2s, 5m, 1h or PT0.2S, got '" + value + "'", e);
    }
  }
}
