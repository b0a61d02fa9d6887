package org.sitewatch.persister.store;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.sitewatch.common.CheckResult;

/** Picks each site's newest result from a batch, for the site table. */
final class LatestPerSite {

  /**
   * Newest first by start time, then by id in PostgreSQL's uuid order (unsigned, byte by byte), so
   * Java and the upsert's WHERE clause agree on which of two results is newer.
   */
  static final Comparator<CheckResult> NEWER =
      Comparator.comparing(CheckResult::startedAt)
          .thenComparing(CheckResult::id, LatestPerSite::compareUnsigned);

  private LatestPerSite() {}

  /**
   * One result per site, the newest, in site id order. One row per site matters: an upsert that
   * touched a row twice in one statement would fail (as it would when the driver rewrites the batch
   * into a multi-row insert); site id order makes concurrent writers lock rows in the same order.
   */
  static List<CheckResult> of(List<CheckResult> results) {
    Map<String, CheckResult> latest = new TreeMap<>();
    for (CheckResult result : results) {
      latest.merge(
          result.siteId(), result, (kept, other) -> NEWER.compare(other, kept) > 0 ? other : kept);
    }
    return List.copyOf(latest.values());
  }

  private static int compareUnsigned(UUID a, UUID b) {
    int high = Long.compareUnsigned(a.getMostSignificantBits(), b.getMostSignificantBits());
    return high != 0
        ? high
        : Long.compareUnsigned(a.getLeastSignificantBits(), b.getLeastSignificantBits());
  }
}
