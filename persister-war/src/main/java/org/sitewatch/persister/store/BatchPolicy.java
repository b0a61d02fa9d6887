package org.sitewatch.persister.store;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * When a batch is written: once {@code maxSize} results wait, or once the oldest has waited {@code
 * linger}.
 *
 * @param maxSize {@code sitewatch.persister.batch.size}
 * @param linger {@code sitewatch.persister.batch.linger}
 */
record BatchPolicy(int maxSize, Duration linger) {

  private static final Pattern SIMPLE_DURATION = Pattern.compile("(\\d+)\\s*(ms|s|m)");

  BatchPolicy {
    if (maxSize < 1) {
      throw new IllegalArgumentException(
          "sitewatch.persister.batch.size must be at least 1, got " + maxSize);
    }
    if (linger.isNegative()) {
      throw new IllegalArgumentException(
          "sitewatch.persister.batch.linger must not be negative, got " + linger);
    }
  }

  /**
   * Reads the linger as people write it ({@code 200ms}, {@code 2s}, {@code 1m}) or as ISO-8601
   * ({@code PT0.2S}).
   */
  static BatchPolicy of(int maxSize, String linger) {
    return new BatchPolicy(maxSize, parseDuration(linger.strip()));
  }

  private static Duration parseDuration(String text) {
    Matcher simple = SIMPLE_DURATION.matcher(text.toLowerCase(Locale.ROOT));
    if (simple.matches()) {
      long amount = Long.parseLong(simple.group(1));
      return switch (simple.group(2)) {
        case "ms" -> Duration.ofMillis(amount);
        case "s" -> Duration.ofSeconds(amount);
        default -> Duration.ofMinutes(amount);
      };
    }
    try {
      return Duration.parse(text);
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(
          "sitewatch.persister.batch.linger must look like 200ms, 2s, 1m or PT0.2S, got '"
              + text
              + "'",
          e);
    }
  }
}
