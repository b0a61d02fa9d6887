package org.sitewatch.checker.health;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;
import org.sitewatch.checker.schedule.ProbeScheduler;
import org.sitewatch.checker.schedule.SiteCatalog;

/**
 * Ready once the sites are scheduled. Its data names the sites file and a rejected edit; the counts
 * of what the checker does are on /metrics.
 */
@Readiness
@ApplicationScoped
public class SchedulerReadinessCheck implements HealthCheck {

  @Inject ProbeScheduler scheduler;
  @Inject SiteCatalog catalog;

  @Override
  public HealthCheckResponse call() {
    var response =
        HealthCheckResponse.named("scheduler")
            .status(scheduler.scheduledCount() > 0)
            .withData("sitesFile", catalog.file().toString());
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
