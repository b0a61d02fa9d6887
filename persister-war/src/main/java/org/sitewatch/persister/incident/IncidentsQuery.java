package org.sitewatch.persister.incident;

import java.util.Optional;
import org.sitewatch.persister.history.InvalidParameterException;
import org.sitewatch.persister.history.PageLimit;

/**
 * Which incidents a page holds: newest first (by id), at most {@code limit}, optionally only open
 * or only resolved ones, of one site, or before a cursor.
 */
public record IncidentsQuery(
    int limit, Optional<Boolean> open, Optional<String> siteId, Optional<Long> before) {

  /** Parses the query parameters as sent (null when absent). */
  public static IncidentsQuery parse(String limit, String open, String siteId, String before) {
    return new IncidentsQuery(
        PageLimit.parse(limit), open(open), Optional.ofNullable(siteId), before(before));
  }

  public IncidentsQuery forSite(String site) {
    return new IncidentsQuery(limit, open, Optional.of(site), before);
  }

  private static Optional<Boolean> open(String text) {
    if (text == null) {
      return Optional.empty();
    }
    return switch (text.strip()) {
      case "true" -> Optional.of(true);
      case "false" -> Optional.of(false);
      default ->
          throw new InvalidParameterException(
              "open", "open must be true or false, got '" + text + "'");
    };
  }

  private static Optional<Long> before(String text) {
    if (text == null) {
      return Optional.empty();
    }
    try {
      long id = Long.parseLong(text.strip());
      if (id > 0) {
        return Optional.of(id);
      }
    } catch (NumberFormatException e) {
      // Reported below, like a number out of range.
    }
    throw new InvalidParameterException(
        "before", "before must be an incident id (a positive whole number), got '" + text + "'");
  }
}
