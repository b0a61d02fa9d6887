package org.sitewatch.checker.publish;

import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A size as people write it: {@code 67108864}, {@code 64MiB}, {@code 128MB}, {@code 1GiB}. */
final class ByteSize {

  private static final Pattern SIZE =
      Pattern.compile("(\\d+)\\s*([KMG]i?B|B)?", Pattern.CASE_INSENSITIVE);
  private static final Map<String, Long> UNITS =
      Map.of(
          "B", 1L,
          "KB", 1_000L,
          "MB", 1_000_000L,
          "GB", 1_000_000_000L,
          "KIB", 1L << 10,
          "MIB", 1L << 20,
          "GIB", 1L << 30);

  private ByteSize() {}

  /**
   * Bytes in {@code text}: a whole number, optionally followed by B, KB, MB, GB (powers of 1000) or
   * KiB, MiB, GiB (powers of 1024), in any case.
   *
   * @throws IllegalArgumentException naming the setting, for anything else
   */
  static long parse(String setting, String text) {
    Matcher m = SIZE.matcher(text.strip());
    if (!m.matches()) {
      throw new IllegalArgumentException(
          setting + " is '" + text + "': use bytes, or a number with KB, MB, GB, KiB, MiB or GiB");
    }
    try {
      long unit = m.group(2) == null ? 1 : UNITS.get(m.group(2).toUpperCase(Locale.ROOT));
      return Math.multiplyExact(Long.parseLong(m.group(1)), unit);
    } catch (ArithmeticException | NumberFormatException e) {
      throw new IllegalArgumentException(setting + " is '" + text + "': too large", e);
    }
  }
}
