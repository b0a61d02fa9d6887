package org.sitewatch.checker.health;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;
import org.sitewatch.checker.catalog.CatalogueStats;
import org.sitewatch.checker.group.CheckerIdentity;
import org.sitewatch.checker.group.Ownership;
import org.sitewatch.checker.group.SiteOwnership;
import org.sitewatch.checker.schedule.ProbeScheduler;
import org.sitewatch.checker.schedule.SiteCatalog;

/**
 * Ready once the checker group has assigned this checker its share of the sites (which may be none,
 * when there are more checkers than sites to share). Its data names the sites file, a rejected
 * edit, how far the site catalogue is (a catalogue behind does not stop probes, so it does not make
 * the checker unready), and the group: its name, this member, the generation, the sites owned, and
 * whether the membership is current (a checker cut off from Kafka keeps probing the sites it last
 * owned; readiness of Kafka itself is the kafka check's). The counts of what the checker does are
 * on /metrics.
 */
@Readiness
@ApplicationScoped
public class SchedulerReadinessCheck implements HealthCheck {

  @Inject ProbeScheduler scheduler;
  @Inject SiteCatalog catalog;
  @Inject CatalogueStats catalogue;
  @Inject SiteOwnership ownership;
  @Inject CheckerIdentity identity;

  /**
   * Created when the application starts, on one of its threads: a server may run health checks on
   * threads of its own (Payara does), where the application's configuration cannot be read.
   */
  void createAtStartup(@Observes @Initialized(ApplicationScoped.class) Object started) {}

  @Override
  public HealthCheckResponse call() {
    Ownership owned = ownership.current();
    var response =
        HealthCheckResponse.named("scheduler")
            .status(owned.joined())
            .withData("sitesFile", catalog.file().toString())
            .withData("checker", identity.id())
            .withData("location", identity.location())
            .withData("group", ownership.group())
            .withData("groupGeneration", owned.generation())
            .withData("membershipCurrent", ownership.membershipCurrent())
            .withData("ownedSites", scheduler.scheduledCount())
            .withData("sites", scheduler.siteCount())
            .withData(
                "ownedPartitions", owned.partitions().size() + " of " + owned.partitionCount())
            .withData(
                "catalogue",
                "published %d sites, %d pending"
                    .formatted(catalogue.publishedCount(), catalogue.pendingCount()));
    ownership.memberId().ifPresent(member -> response.withData("memberId", member));
    catalogue.lastError().ifPresent(error -> response.withData("catalogueError", error));
    catalogue.sitesFileDiffers().ifPresent(text -> response.withData("sitesFileDiffers", text));
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
