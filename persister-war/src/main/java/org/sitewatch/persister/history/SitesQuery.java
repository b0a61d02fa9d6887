package org.sitewatch.persister.history;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Which sites to return: the first {@code limit} in {@code order} after {@code cursor}, of those
 * that match the filters, each with {@code days} daily uptime figures. Paging by key, not offset,
 * keeps every page as cheap as the first.
 *
 * @param state only sites in this state (UP or DOWN)
 * @param labels only sites that carry all of these labels
 * @param text only sites whose id, url or labels contain this, ignoring case
 */
public record SitesQuery(
    int limit,
    SiteOrder order,
    Optional<SiteCursor> cursor,
    Optional<String> state,
    Map<String, String> labels,
    Optional<String> text,
    int days) {

  public static final int MAX_DAYS = 90;

  /**
   * Reads the query parameters as sent (null or empty when absent). {@code after}, a site id, is
   * the cursor of the id order, kept for clients that page by it.
   *
   * @throws InvalidParameterException naming the bad parameter
   */
  static SitesQuery parse(
      String limit,
      String sort,
      String cursor,
      String after,
      String state,
      List<String> labels,
      String text,
      String days) {
    SiteOrder order = SiteOrder.parse(sort);
    Optional<SiteCursor> from =
        cursor != null
            ? Optional.of(SiteCursor.decode(order, cursor))
            : Optional.ofNullable(after).map(id -> new SiteCursor(null, id));
    return new SitesQuery(
        PageLimit.parse(limit),
        order,
        from,
        Optional.ofNullable(state).map(SitesQuery::parseState),
        parseLabels(labels),
        Optional.ofNullable(text).map(String::strip).filter(t -> !t.isEmpty()),
        parseDays(days));
  }

  private static String parseState(String text) {
    String state = text.strip().toUpperCase(Locale.ROOT);
    if (!state.equals("UP") && !state.equals("DOWN")) {
      throw new InvalidParameterException("state", "state must be UP or DOWN, got '" + text + "'");
    }
    return state;
  }

  /** Each {@code key:value}; several must all match. */
  private static Map<String, String> parseLabels(List<String> labels) {
    Map<String, String> parsed = new LinkedHashMap<>();
    for (String label : labels == null ? List.<String>of() : labels) {
      int colon = label.indexOf(':');
      if (colon < 1) {
        throw new InvalidParameterException(
            "label", "label must be key:value, such as env:prod, got '" + label + "'");
      }
      parsed.put(label.substring(0, colon), label.substring(colon + 1));
    }
    return parsed;
  }

  private static int parseDays(String text) {
    if (text == null) {
      return 0;
    }
    try {
      int days = Integer.parseInt(text.strip());
      if (days >= 0 && days <= MAX_DAYS) {
        return days;
      }
    } catch (NumberFormatException e) {
      // the message below says what is allowed
    }
    throw new InvalidParameterException(
        "days", "days must be a whole number from 0 to " + MAX_DAYS + ", got '" + text + "'");
  }

  /** How the sites come. */
  public enum SiteOrder {
    /** By site id. */
    ID,
    /** DOWN sites first, each state by site id. */
    STATE;

    static SiteOrder parse(String text) {
      if (text == null) {
        return ID;
      }
      return ParameterChoice.parse(
          "sort", text, values(), order -> order.name().toLowerCase(Locale.ROOT));
    }
  }

  /**
   * Where a page ends: the last site's sort key. On the wire an opaque token, so the order may
   * change what it holds.
   *
   * @param state the last site's state, for the state order; null for the id order
   */
  public record SiteCursor(String state, String siteId) {

    String encode() {
      String key = state == null ? siteId : state + "\n" + siteId;
      return Base64.getUrlEncoder()
          .withoutPadding()
          .encodeToString(key.getBytes(StandardCharsets.UTF_8));
    }

    static SiteCursor decode(SiteOrder order, String token) {
      String key;
      try {
        key = new String(Base64.getUrlDecoder().decode(token.strip()), StandardCharsets.UTF_8);
      } catch (IllegalArgumentException e) {
        throw badCursor();
      }
      if (order == SiteOrder.ID) {
        return new SiteCursor(null, key);
      }
      int newline = key.indexOf('\n');
      if (newline < 0) {
        throw badCursor();
      }
      return new SiteCursor(key.substring(0, newline), key.substring(newline + 1));
    }

    private static InvalidParameterException badCursor() {
      return new InvalidParameterException(
          "cursor", "cursor must be a value from a next link of the same sort order");
    }
  }
}
