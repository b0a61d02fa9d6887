package org.sitewatch.persister.ingest;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.GroupIdNotFoundException;

/**
 * Measures {@link MemberLag} with the Kafka admin client: the group's committed offsets against the
 * end offsets, on the partitions of {@code topic} that the group assigns to the member with {@code
 * clientId}. Partitions another persister owns are its business, not this one's.
 */
final class KafkaMemberLag implements AutoCloseable {

  private final Map<String, Object> clientConfig;
  private final String group;
  private final String clientId;
  private final String topic;
  private final Duration timeout;
  private Admin admin;

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
      }
      ConsumerGroupDescription description =
          await(admin.describeConsumerGroups(Set.of(group)).all()).get(group);
      List<MemberDescription> mine =
          description.members().stream().filter(m -> clientId.equals(m.clientId())).toList();
      if (mine.isEmpty()) {
        return MemberLag.notMember();
      }
      Set<TopicPartition> assigned =
          mine.stream()
              .flatMap(m -> m.assignment().topicPartitions().stream())
              .filter(p -> p.topic().equals(topic))
              .collect(Collectors.toSet());
      return MemberLag.of(assigned.isEmpty() ? 0 : waiting(assigned));
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

  /** Records past the committed offset; a partition without one is read from its start. */
  private long waiting(Set<TopicPartition> partitions)
      throws InterruptedException, ExecutionException, TimeoutException {
    Map<TopicPartition, OffsetAndMetadata> committed =
        await(admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata());
    Map<TopicPartition, ListOffsetsResultInfo> end = offsets(partitions, OffsetSpec.latest());
    Set<TopicPartition> uncommitted =
        partitions.stream().filter(p -> committed.get(p) == null).collect(Collectors.toSet());
    Map<TopicPartition, ListOffsetsResultInfo> start =
        uncommitted.isEmpty() ? Map.of() : offsets(uncommitted, OffsetSpec.earliest());
    long records = 0;
    for (TopicPartition partition : partitions) {
      OffsetAndMetadata position = committed.get(partition);
      long from = position != null ? position.offset() : start.get(partition).offset();
      records += Math.max(0, end.get(partition).offset() - from);
    }
    return records;
  }

  private Map<TopicPartition, ListOffsetsResultInfo> offsets(
      Set<TopicPartition> partitions, OffsetSpec spec)
      throws InterruptedException, ExecutionException, TimeoutException {
    return await(
        admin
            .listOffsets(
                partitions.stream().collect(Collectors.toMap(Function.identity(), p -> spec)))
            .all());
  }

  private <T> T await(KafkaFuture<T> future)
      throws InterruptedException, ExecutionException, TimeoutException {
    return future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
  }

  @Override
  public void close() {
    if (admin != null) {
      admin.close(timeout);
    }
  }
}
