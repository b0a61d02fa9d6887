package org.sitewatch.persister.ingest;

import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * A partition whose committed offset points at records Kafka no longer holds (deleted by retention
 * or by an operator before the persister stored them). The consumer then resumes at the earliest
 * record, but liberty-kafka commits only an unbroken run of acknowledged offsets from the committed
 * one, so it never commits that partition again.
 *
 * @param committed the group's committed offset
 * @param earliest the partition's first record still held
 */
record OffsetGap(TopicPartition partition, long committed, long earliest) {

  /** Records deleted before they were stored. */
  long deleted() {
    return earliest - committed;
  }

  @Override
  public String toString() {
    return partition + " (offsets " + committed + " to " + (earliest - 1) + ", " + deleted() + ")";
  }

  /** The gaps among {@code partitions}; a partition without a committed offset has none. */
  static List<OffsetGap> find(
      Collection<TopicPartition> partitions,
      Map<TopicPartition, OffsetAndMetadata> committed,
      Map<TopicPartition, Long> earliest) {
    return partitions.stream()
        .filter(p -> committed.get(p) != null && earliest.get(p) != null)
        .filter(p -> committed.get(p).offset() < earliest.get(p))
        .map(p -> new OffsetGap(p, committed.get(p).offset(), earliest.get(p)))
        .sorted(Comparator.comparing(g -> g.partition().toString()))
        .toList();
  }
}
