package org.sitewatch.persister.store;

import java.util.List;
import org.sitewatch.common.CheckResult;

/** Where accepted check results are kept. */
public interface ResultStore {

  /**
   * Stores {@code results} in one transaction: each result once (one stored before is skipped), and
   * each site's latest state advanced where a result is newer than the one it records.
   *
   * @throws RuntimeException if the transaction did not commit; then nothing of it is stored
   */
  void store(List<CheckResult> results);
}
