package org.sitewatch.checker.metrics;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.Startup;
import jakarta.inject.Inject;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.sitewatch.checker.publish.PublishStats;
import org.sitewatch.checker.schedule.ProbeScheduler;
import org.sitewatch.checker.schedule.ProbesInFlight;

/**
 * What the checker is doing, read at each scrape from the parts that keep the counts. Counts since
 * start are gauges here (MicroProfile Metrics has no counter that reads a value): they only rise
 * until a restart, so {@code rate()} and {@code increase()} apply as to a counter.
 */
@ApplicationScoped
public class CheckerMetrics {

  @Inject MetricRegistry registry;

  @Inject ProbeScheduler scheduler;

  @Inject ProbesInFlight probes;

  @Inject PublishStats publishing;

  void register(@Observes Startup startup) {
    registry.gauge("sitewatch.sites.scheduled", scheduler, ProbeScheduler::scheduledCount);
    registry.gauge("sitewatch.probes.not.started", probes, ProbesInFlight::skippedCount);
    registry.gauge("sitewatch.results.pending", publishing, PublishStats::pendingCount);
    registry.gauge("sitewatch.results.delivered", publishing, PublishStats::deliveredCount);
    registry.gauge("sitewatch.results.dropped", publishing, PublishStats::droppedCount);
  }

  /** A changed sites file was invalid and not applied. */
  public void sitesFileRejected() {
    registry.counter("sitewatch.sites.file.rejections").inc();
  }
}
