package org.sitewatch.persister.history;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * Which results of a site to return: the newest {@code limit} that started before {@code before}
 * (all, when absent).
 */
record ResultsQuery(int limit, Optional<Instant> before) {

  /**
   * Reads the query parameters as sent (null when absent).
   *
   * @throws InvalidParameterException naming the bad parameter
   */
  static ResultsQuery parse(String limit, String before) {
    return new ResultsQuery(PageLimit.parse(limit), parseBefore(before));
  }

  /** An ISO-8601 instant, with Z or an offset: 2024-05-01T12:00:00Z, 2024-05-01T14:00:00+02:00. */
  private static Optional<Instant> parseBefore(String text) {
    if (text == null) {
      return Optional.empty();
    }
    try {
      return Optional.of(OffsetDateTime.parse(text.strip()).toInstant());
    } catch (DateTimeParseException e) {
      throw new InvalidParameterException(
          "before",
          "before must be an ISO-8601 instant such as 2024-05-01T12:00:00Z, got '" + text + "'");
    }
  }
}
