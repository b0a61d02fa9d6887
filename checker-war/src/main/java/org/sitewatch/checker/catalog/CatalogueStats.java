package org.sitewatch.checker.catalog;

import java.util.Optional;

/** How far the site catalogue is, for readiness. */
public interface CatalogueStats {

  /** Sites the catalogue holds as Kafka acknowledged them. */
  int publishedCount();

  /** Definitions and tombstones still to be acknowledged. */
  int pendingCount();

  /** Why the last attempt failed, until one succeeds. */
  Optional<String> lastError();

  /** How this checker's sites file differs from another checker's, while it does. */
  Optional<String> sitesFileDiffers();
}
