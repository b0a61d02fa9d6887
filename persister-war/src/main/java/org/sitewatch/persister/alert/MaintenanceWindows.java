package org.sitewatch.persister.alert;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.sitewatch.common.CheckResult;
import org.sitewatch.common.catalog.MaintenanceWindow;
import org.sitewatch.common.catalog.SiteDefinition;

/** Whether an instant falls in a site's maintenance windows, and when they end. */
public final class MaintenanceWindows {

  private MaintenanceWindows() {}

  /** The latest end among the windows covering {@code at}, if any covers it. */
  static Optional<Instant> endCovering(List<MaintenanceWindow> windows, Instant at) {
    return windows.stream()
        .flatMap(window -> window.endIfCovering(at).stream())
        .max(Comparator.naturalOrder());
  }

  /** Whether {@code result} was taken in a window of its site, as {@code sites} define them. */
  public static boolean covers(Map<String, SiteDefinition> sites, CheckResult result) {
    SiteDefinition site = sites.get(result.siteId());
    return site != null && endCovering(site.maintenance(), result.startedAt()).isPresent();
  }
}
