package org.sitewatch.checker.catalog;

import java.util.List;
import org.sitewatch.checker.site.Site;

/**
 * Keeps the site catalogue equal to the sites the checker runs: what the scheduler needs at startup
 * and after every applied reload. Returns at once; publication happens in the background.
 */
public interface CataloguePublisher {

  /** From now on the catalogue should hold exactly these sites. */
  void publish(List<Site> sites);
}
