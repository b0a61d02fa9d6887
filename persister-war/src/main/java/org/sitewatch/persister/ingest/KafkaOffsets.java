package org.sitewatch.persister.ingest;

import java.time.Duration;
import java.util.Collection;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.TopicPartition;

/** The offset lookups of the admin client, each bounded by one timeout. */
final class KafkaOffsets {

  private final Admin admin;
  private final Duration timeout;

  KafkaOffsets(Admin admin, Duration timeout) {
    this.admin = admin;
    this.timeout = timeout;
  }

  Map<TopicPartition, OffsetAndMetadata> committed(String group)
      throws InterruptedException, ExecutionException, TimeoutException {
    return await(admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata());
  }

  Map<TopicPartition, Long> earliest(Collection<TopicPartition> partitions)
      throws InterruptedException, ExecutionException, TimeoutException {
    return list(partitions, OffsetSpec.earliest());
  }

  Map<TopicPartition, Long> latest(Collection<TopicPartition> partitions)
      throws InterruptedException, ExecutionException, TimeoutException {
    return list(partitions, OffsetSpec.latest());
  }

  <T> T await(KafkaFuture<T> future)
      throws InterruptedException, ExecutionException, TimeoutException {
    return future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
  }

  private Map<TopicPartition, Long> list(Collection<TopicPartition> partitions, OffsetSpec spec)
      throws InterruptedException, ExecutionException, TimeoutException {
    return await(
            admin
                .listOffsets(
                    partitions.stream().collect(Collectors.toMap(Function.identity(), p -> spec)))
                .all())
        .entrySet()
        .stream()
        .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().offset()));
  }
}
