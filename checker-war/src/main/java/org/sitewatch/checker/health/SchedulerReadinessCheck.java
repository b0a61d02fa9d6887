package org.sitewatch.checker.health;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;
import org.sitewatch.checker.publish.PublishStats;
import org.sitewatch.checker.schedule.ProbeScheduler;
import org.sitewatch.checker.schedule.ProbesInFlight;
import org.sitewatch.checker.schedule.SiteCatalog;

/** Ready once the sites are scheduled; its data shows what the checker is doing. */
@Readiness
@ApplicationScoped
public class SchedulerReadinessCheck implements HealthCheck {

  @Inject ProbeScheduler scheduler;
  @Inject SiteCatalog catalog;
  @Inject PublishStats publisher;
  @Inject ProbesInFlight probes;

  @Override
  public HealthCheckResponse call() {
    int scheduled = scheduler.scheduledCount();
    var response =
        HealthCheckResponse.named("scheduler")
            .status(scheduled > 0)
            .withData("sitesFile", catalog.file().toString())
            .withData("sitesScheduled", scheduled)
            .withData("probesNotStarted", probes.skippedCount())
            .withData("resultsDelivered", publisher.deliveredCount())
            .withData("resultsPending", publisher.pendingCount())
            .withData("resultsDropped", publisher.droppedCount());
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
