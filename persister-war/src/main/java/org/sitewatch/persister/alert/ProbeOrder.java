package org.sitewatch.persister.alert;

import java.util.Comparator;
import java.util.UUID;
import org.sitewatch.common.CheckResult;

/** The order in which a site's results were probed. */
public final class ProbeOrder {

  /**
   * Oldest first by start time, then by id in PostgreSQL's uuid order (unsigned, byte by byte), so
   * Java and SQL comparing {@code (started_at, id)} agree on which of two results is newer.
   */
  public static final Comparator<CheckResult> OLDEST_FIRST =
      Comparator.comparing(CheckResult::startedAt)
          .thenComparing(CheckResult::id, ProbeOrder::compareIds);

  private ProbeOrder() {}

  static int compareIds(UUID a, UUID b) {
    int high = Long.compareUnsigned(a.getMostSignificantBits(), b.getMostSignificantBits());
    return high != 0
        ? high
        : Long.compareUnsigned(a.getLeastSignificantBits(), b.getLeastSignificantBits());
  }
}
