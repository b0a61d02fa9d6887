package org.sitewatch.checker.health;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;
import org.sitewatch.checker.catalog.CatalogueStats;
import org.sitewatch.checker.schedule.ProbeScheduler;
import org.sitewatch.checker.schedule.SiteCatalog;

/**
 * Ready once the sites are scheduled. Its data names the sites file, a rejected edit and how far
 * the site catalogue is (a catalogue behind does not stop probes, so it does not make the checker
 * unready); the counts of what the checker does are on /metrics.
 */
@Readiness
@ApplicationScoped
public class SchedulerReadinessCheck implements HealthCheck {

  @Inject ProbeScheduler scheduler;
  @Inject SiteCatalog catalog;
  @Inject CatalogueStats catalogue;

  @Override
  public HealthCheckResponse call() {
    var response =
        HealthCheckResponse.named("scheduler")
            .status(scheduler.scheduledCount() > 0)
            .withData("sitesFile", catalog.file().toString())
            .withData(
                "catalogue",
                "published %d sites, %d pending"
                    .formatted(catalogue.publishedCount(), catalogue.pendingCount()));
    catalogue.lastError().ifPresent(error -> response.withData("catalogueError", error));
    // A rejected edit leaves the last good sites running: ready, but the operator must see it.
    catalog
        .lastRejection()
        .ifPresent(
            r ->
                response
                    .withData("sitesFileRejectedAt", r.at().toString())
                    .withData("sitesFileRejected", r.reason()));
    return response.build();
  }
}
