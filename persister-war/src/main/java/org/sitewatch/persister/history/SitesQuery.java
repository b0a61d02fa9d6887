package org.sitewatch.persister.history;

import java.util.Optional;

/**
 * Which sites to return: the first {@code limit} by site id after {@code after} (from the first,
 * when absent). Paging by key, not offset, keeps every page as cheap as the first.
 */
record SitesQuery(int limit, Optional<String> after) {

  /**
   * Reads the query parameters as sent (null when absent).
   *
   * @throws InvalidParameterException naming the bad parameter
   */
  static SitesQuery parse(String limit, String after) {
    return new SitesQuery(PageLimit.parse(limit), Optional.ofNullable(after));
  }
}
