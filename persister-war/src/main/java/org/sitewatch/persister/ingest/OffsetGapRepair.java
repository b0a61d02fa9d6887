package org.sitewatch.persister.ingest;

import jakarta.annotation.Priority;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.spi.AfterDeploymentValidation;
import jakarta.enterprise.inject.spi.Extension;
import jakarta.interceptor.Interceptor;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;
import org.sitewatch.support.kafka.ConnectorClientConfig;

/**
 * Closes {@link OffsetGap}s before the results stream starts: moves the group's committed offset of
 * such a partition to its earliest record, and says how many records were deleted before they were
 * stored. Runs while the application deploys, before Reactive Messaging connects its channels, and
 * only while the group has no members (Kafka refuses offset changes for an active group); a gap it
 * cannot close is reported by {@link IncomingStreamWatch}.
 */
public class OffsetGapRepair implements Extension {

  private static final Logger LOG = Logger.getLogger(OffsetGapRepair.class.getName());

  /** How long a deployment waits for a Kafka that does not answer. */
  private static final Duration TIMEOUT = Duration.ofSeconds(5);

  private final AtomicLong deleted = new AtomicLong();

  /** Records deleted from Kafka before they were stored, found at startup. */
  public long deletedBeforeStored() {
    return deleted.get();
  }

  void beforeStreamsStart(
      @Observes @Priority(Interceptor.Priority.LIBRARY_BEFORE) AfterDeploymentValidation done) {
    Config config = ConfigProvider.getConfig();
    String topic = config.getValue("mp.messaging.incoming.check-results.topic", String.class);
    String group = config.getValue("mp.messaging.incoming.check-results.group.id", String.class);
    try (Admin admin =
        Admin.create(ConnectorClientConfig.of(config, "sitewatch-persister-offsets", TIMEOUT))) {
      repair(admin, new KafkaOffsets(admin, TIMEOUT), topic, group);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (ExecutionException | TimeoutException | KafkaException e) {
      Throwable cause = e instanceof ExecutionException && e.getCause() != null ? e.getCause() : e;
      LOG.log(
          Level.WARNING,
          "Could not check group {0}''s offsets on {1} for deleted records: {2}",
          new Object[] {group, topic, cause.toString()});
    }
  }

  private void repair(Admin admin, KafkaOffsets offsets, String topic, String group)
      throws InterruptedException, ExecutionException, TimeoutException {
    Map<TopicPartition, OffsetAndMetadata> committed = offsets.committed(group);
    List<TopicPartition> partitions =
        committed.keySet().stream().filter(p -> p.topic().equals(topic)).toList();
    if (partitions.isEmpty()) {
      return;
    }
    Map<TopicPartition, Long> earliest = offsets.earliest(partitions);
    List<OffsetGap> gaps = OffsetGap.find(partitions, committed, earliest);
    if (gaps.isEmpty()) {
      return;
    }
    long count = gaps.stream().mapToLong(OffsetGap::deleted).sum();
    boolean active =
        !offsets
            .await(admin.describeConsumerGroups(List.of(group)).all())
            .get(group)
            .members()
            .isEmpty();
    if (active) {
      LOG.log(
          Level.SEVERE,
          "{0,number,#} records of {1} were deleted from Kafka before they were stored: {2}. Group"
              + " {3} has members, so its offsets cannot be moved on now; stop every persister of"
              + " the group, or run kafka-consumer-groups --reset-offsets --to-earliest for them.",
          new Object[] {count, topic, gaps, group});
      return;
    }
    offsets.await(
        admin
            .alterConsumerGroupOffsets(
                group,
                gaps.stream()
                    .collect(
                        Collectors.toMap(
                            OffsetGap::partition, g -> new OffsetAndMetadata(g.earliest()))))
            .all());
    deleted.addAndGet(count);
    LOG.log(
        Level.WARNING,
        "{0,number,#} records of {1} were deleted from Kafka before they were stored (retention or"
            + " an operator): {2}. Lost; group {3} now starts at the earliest records kept.",
        new Object[] {count, topic, gaps, group});
  }
}
