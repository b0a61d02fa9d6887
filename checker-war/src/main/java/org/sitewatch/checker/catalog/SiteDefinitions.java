package org.sitewatch.checker.catalog;

import org.sitewatch.checker.site.Site;
import org.sitewatch.common.catalog.SiteDefinition;

/** A site as the catalogue publishes it: no request headers or body, which may hold secrets. */
final class SiteDefinitions {

  private SiteDefinitions() {}

  static SiteDefinition of(Site site) {
    return new SiteDefinition(
        site.id(),
        site.name(),
        site.request().url().toString(),
        site.labels(),
        site.schedule().interval(),
        site.alerts(),
        site.maintenance());
  }
}
