package org.sitewatch.persister.history;

/** The {@code limit} query parameter of a paged read: how many items one answer holds at most. */
public final class PageLimit {

  static final int DEFAULT = 100;
  static final int MAX = 1000;

  private PageLimit() {}

  /**
   * @param text the parameter as sent, or null when absent
   * @throws InvalidParameterException when it is no whole number within 1 to {@link #MAX}
   */
  public static int parse(String text) {
    if (text == null) {
      return DEFAULT;
    }
    int limit;
    try {
      limit = Integer.parseInt(text.strip());
    } catch (NumberFormatException e) {
      throw new InvalidParameterException(
          "limit", "limit must be a whole number, got '" + text + "'");
    }
    if (limit < 1 || limit > MAX) {
      throw new InvalidParameterException(
          "limit", "limit must be between 1 and " + MAX + ", got " + limit);
    }
    return limit;
  }
}
