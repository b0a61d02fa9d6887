package org.sitewatch.persister.store;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.sitewatch.common.CheckResult;
import org.sitewatch.persister.alert.ProbeOrder;

/** Picks each site's newest result from a batch, for the site table. */
final class LatestPerSite {

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
          result.siteId(),
          result,
          (kept, other) -> ProbeOrder.OLDEST_FIRST.compare(other, kept) > 0 ? other : kept);
    }
    return List.copyOf(latest.values());
  }
}
