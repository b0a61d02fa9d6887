package org.sitewatch.support.text;

/**
 * A value as an error message shows it: shortened when long and kept to one line, so that what a
 * user wrote (in the sites file, in a setting) cannot flood a log or forge a line in it.
 */
public final class MessageText {

  private static final int MAX_QUOTED = 80;

  private MessageText() {}

  /** The value in single quotes, shortened when long and kept to one line, for messages. */
  public static String quote(String value) {
    return "'" + printable(value) + "'";
  }

  /** The value shortened when long and kept to one line, for messages and field paths. */
  public static String printable(String value) {
    return oneLine(
        value.length() > MAX_QUOTED ? value.substring(0, MAX_QUOTED - 3) + "..." : value);
  }

  /** The text with control characters escaped, so that a message stays on one line. */
  public static String oneLine(String text) {
    if (text.chars().noneMatch(MessageText::breaksLine)) {
      return text;
    }
    StringBuilder line = new StringBuilder(text.length());
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '\n' -> line.append("\\n");
        case '\r' -> line.append("\\r");
        case '\t' -> line.append("\\t");
        default -> {
          if (breaksLine(c)) {
            line.append(String.format("\\u%04x", (int) c));
          } else {
            line.append(c);
          }
        }
      }
    }
    return line.toString();
  }

  private static boolean breaksLine(int c) {
    return c < 0x20 || c == 0x7f || c == 0x85 || c == 0x2028 || c == 0x2029;
  }
}
