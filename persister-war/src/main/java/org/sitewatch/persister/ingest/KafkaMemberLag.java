package org.sitewatch.persister.ingest;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.GroupState;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.GroupIdNotFoundException;

/**
 * Measures {@link MemberLag} with the Kafka admin client: the group's committed offsets against the
 * start and end offsets, on the partitions of {@code topic} that the group assigns to the member
 * with {@code clientId}. Partitions another persister owns are its business, not this one's.
 */
final class KafkaMemberLag implements AutoCloseable {

  private final Map<String, Object> clientConfig;
  private final String group;
  private final String clientId;
  private final String topic;
  private final Duration timeout;
  private Admin admin;
  private KafkaOffsets offsets;

  KafkaMemberLag(
      Map<String, Object> clientConfig,
      String group,
      String clientId,
      String topic,
      Duration timeout) {
    this.clientConfig = clientConfig;
    this.group = group;
    this.clientId = clientId;
    this.topic = topic;
    this.timeout = timeout;
  }

  MemberLag measure() {
    try {
      if (admin == null) {
        // Created on first use: it fails for bootstrap servers that do not resolve (yet).
        admin = Admin.create(clientConfig);
        offsets = new KafkaOffsets(admin, timeout);
      }
      ConsumerGroupDescription description =
          offsets.await(admin.describeConsumerGroups(Set.of(group)).all()).get(group);
      List<MemberDescription> mine =
          description.members().stream().filter(m -> clientId.equals(m.clientId())).toList();
      if (mine.isEmpty()) {
        return MemberLag.notMember();
      }
      if (description.groupState() != GroupState.STABLE) {
        // Assignments are empty or about to change: what waits on this member is unknown yet.
        return MemberLag.duringRebalance();
      }
      Set<TopicPartition> assigned =
          mine.stream()
              .flatMap(m -> m.assignment().topicPartitions().stream())
              .filter(p -> p.topic().equals(topic))
              .collect(Collectors.toSet());
      return assigned.isEmpty() ? MemberLag.of(0) : lag(assigned);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return MemberLag.unmeasured("interrupted");
    } catch (ExecutionException e) {
      return e.getCause() instanceof GroupIdNotFoundException
          ? MemberLag.notMember()
          : MemberLag.unmeasured(e.getCause().toString());
    } catch (TimeoutException e) {
      return MemberLag.unmeasured("no broker answered within " + timeout.toMillis() + " ms");
    } catch (KafkaException e) {
      return MemberLag.unmeasured(e.toString());
    }
  }

  /**
   * Records past the committed offset (a partition without one is read from its start), and the
   * partitions whose committed offset is before their start.
   */
  private MemberLag lag(Set<TopicPartition> partitions)
      throws InterruptedException, ExecutionException, TimeoutException {
    Map<TopicPartition, OffsetAndMetadata> committed = offsets.committed(group);
    Map<TopicPartition, Long> end = offsets.latest(partitions);
    Map<TopicPartition, Long> start = offsets.earliest(partitions);
    Map<Integer, Long> behind = new HashMap<>();
    for (TopicPartition partition : partitions) {
      OffsetAndMetadata position = committed.get(partition);
      long from = Math.max(position != null ? position.offset() : 0, start.get(partition));
      behind.put(partition.partition(), Math.max(0, end.get(partition) - from));
    }
    return MemberLag.of(behind, OffsetGap.find(partitions, committed, start));
  }

  @Override
  public void close() {
    if (admin != null) {
      admin.close(timeout);
    }
  }
}
