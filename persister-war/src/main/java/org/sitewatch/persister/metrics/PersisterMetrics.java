package org.sitewatch.persister.metrics;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.Startup;
import jakarta.inject.Inject;
import java.time.Duration;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.Tag;
import org.sitewatch.persister.deadletter.DeadLetterCause;
import org.sitewatch.persister.deadletter.DeadLetterPublisher;
import org.sitewatch.persister.ingest.OffsetGapRepair;
import org.sitewatch.persister.notify.OutboxBacklog;
import org.sitewatch.persister.schema.PartitionMaintenance;
import org.sitewatch.persister.store.BatchWriter;

/**
 * How storing goes: counters moved by the writer and the consumer as things happen, and gauges read
 * at each scrape from the parts that keep a count or a state. Counts since start are gauges where
 * another part keeps them (MicroProfile Metrics has no counter that reads a value): they only rise
 * until a restart, so {@code rate()} and {@code increase()} apply as to a counter.
 */
@ApplicationScoped
public class PersisterMetrics {

  @Inject MetricRegistry registry;

  @Inject BatchWriter writer;

  @Inject DeadLetterPublisher deadLetters;

  @Inject OffsetGapRepair offsetGaps;

  @Inject PartitionMaintenance partitions;

  @Inject OutboxBacklog notifications;

  void register(@Observes Startup startup) {
    registry.gauge("sitewatch.results.pending", writer, w -> w.status().pending());
    registry.gauge("sitewatch.duplicate.refusals", writer, w -> w.status().duplicateRefusals());
    registry.gauge("sitewatch.dead.letters.pending", deadLetters, DeadLetterPublisher::pending);
    registry.gauge(
        "sitewatch.results.deleted.before.stored",
        offsetGaps,
        OffsetGapRepair::deletedBeforeStored);
    registry.gauge(
        "sitewatch.partition.maintenance.failing",
        partitions,
        p -> p.lastError().isPresent() ? 1 : 0);
    registry.gauge("sitewatch.maintenance.failures", partitions, PartitionMaintenance::failedRuns);
    registry.gauge(
        "sitewatch.maintenance.last.success.seconds",
        partitions,
        p -> p.lastSuccessAt().map(at -> (double) at.getEpochSecond()).orElse(Double.NaN));
    registry.gauge(
        "sitewatch.rollups.deleted",
        partitions,
        PartitionMaintenance::hourlyRollupsDeleted,
        new Tag("granularity", "hour"));
    registry.gauge(
        "sitewatch.rollups.deleted",
        partitions,
        PartitionMaintenance::dailyRollupsDeleted,
        new Tag("granularity", "day"));
    registry.gauge(
        "sitewatch.notifications.pending",
        notifications,
        n -> n.last().map(b -> (double) b.pending()).orElse(Double.NaN));
    registry.gauge(
        "sitewatch.notifications.oldest.waiting.seconds",
        notifications,
        n ->
            n.last()
                .map(b -> b.oldestWaiting().map(age -> age.toMillis() / 1000.0).orElse(0.0))
                .orElse(Double.NaN));
  }

  /** Notifications a channel took (each one in a digest counts). */
  public void notificationsSent(String channel, int count) {
    registry.counter("sitewatch.notifications.sent", new Tag("channel", channel)).inc(count);
  }

  /** Notifications whose attempt failed and that are tried again later. */
  public void notificationsRetried(String channel, int count) {
    registry.counter("sitewatch.notifications.retried", new Tag("channel", channel)).inc(count);
  }

  /** Notifications given up on after the retry period. */
  public void notificationsFailed(String channel, int count) {
    registry.counter("sitewatch.notifications.failed", new Tag("channel", channel)).inc(count);
  }

  /** A batch of {@code results} committed, {@code took} after its transaction began. */
  public void committed(int results, Duration took) {
    registry.counter("sitewatch.results.stored").inc(results);
    registry.histogram("sitewatch.batch.size").update(results);
    registry.timer("sitewatch.commit.duration").update(took);
  }

  /** A record's dead letter is written. */
  public void deadLettered(DeadLetterCause cause) {
    registry.counter("sitewatch.dead.letters", new Tag("cause", cause.tag())).inc();
  }
}
