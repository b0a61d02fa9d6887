package org.sitewatch.checker.catalog;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.IntStream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.InterruptException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.sitewatch.support.kafka.KafkaTopics;

/**
 * The catalogue topic on the broker: created when missing, compacted, read to its end to learn what
 * it holds, and then followed for what other checkers write. All with the connector's own client
 * settings (bootstrap servers, TLS, SASL).
 *
 * <p>One partition: a catalogue is small (100,000 sites are about 30 MB) and changes rarely, every
 * reader wants all of it, and one partition keeps every change in the order it was written and
 * makes "read to the end" one offset.
 */
final class KafkaCatalogueTopic {

  private static final Logger LOG = Logger.getLogger(KafkaCatalogueTopic.class.getName());

  static final int PARTITIONS = 1;

  /** The record header naming the checker that wrote a record. */
  static final String WRITER_HEADER = "sitewatch-checker";

  private static final Duration POLL = Duration.ofMillis(200);

  /** One record of the topic: a definition, or a tombstone when {@code value} is empty. */
  record Written(String key, Optional<ByteBuffer> value, String writer) {}

  /**
   * What the topic held when read, and a reader positioned after it; every record read is also
   * handed to the {@code each} given to {@link #createOrRead}.
   */
  record Contents(Map<String, ByteBuffer> latest, Follower follower) {}

  private final String topic;
  private final Map<String, Object> client;
  private final Optional<Short> replicationFactor;
  private final Duration timeout;

  /**
   * @param client the connector's client settings ({@code ConnectorClientConfig})
   * @param replicationFactor as configured; empty: the broker's default
   * @param timeout for each step: creating, and reading to the end
   */
  KafkaCatalogueTopic(
      String topic,
      Map<String, Object> client,
      Optional<Short> replicationFactor,
      Duration timeout) {
    this.topic = topic;
    this.client = Map.copyOf(client);
    this.replicationFactor = replicationFactor;
    this.timeout = timeout;
  }

  /**
   * Creates the topic if it is missing, and returns what it holds: the latest value of every key
   * whose latest record is no tombstone. A topic created now holds nothing.
   *
   * @param each given every record read, in order
   */
  Contents createOrRead(java.util.function.Consumer<Written> each)
      throws InterruptedException, ExecutionException {
    try (Admin admin = Admin.create(client)) {
      int replicas = KafkaTopics.replicas(admin, replicationFactor);
      if (KafkaTopics.createIfMissing(
          admin,
          topic,
          PARTITIONS,
          replicationFactor,
          replicas,
          Map.of("cleanup.policy", "compact"))) {
        LOG.log(
            Level.INFO,
            "Created the site catalogue topic {0}: compacted, {1} partition, replication factor {2}",
            new Object[] {topic, PARTITIONS, replicas});
      }
    }
    return read(each);
  }

  /**
   * From the beginning to the end offsets taken at the start, without a consumer group; the
   * consumer then stays open for the follower.
   */
  private Contents read(java.util.function.Consumer<Written> each) {
    Map<String, Object> settings = new HashMap<>(client);
    settings.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    KafkaConsumer<String, byte[]> consumer =
        new KafkaConsumer<>(settings, new StringDeserializer(), new ByteArrayDeserializer());
    try {
      List<TopicPartition> partitions =
          consumer.partitionsFor(topic, timeout).stream()
              .map(p -> new TopicPartition(topic, p.partition()))
              .toList();
      if (partitions.isEmpty()) {
        // Created a moment ago: the broker's metadata does not show it yet, but it has these.
        partitions =
            IntStream.range(0, PARTITIONS).mapToObj(p -> new TopicPartition(topic, p)).toList();
      }
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> end = consumer.endOffsets(partitions, timeout);
      Map<String, ByteBuffer> latest = new HashMap<>();
      long deadline = System.nanoTime() + timeout.toNanos();
      while (partitions.stream().anyMatch(p -> consumer.position(p, timeout) < end.get(p))) {
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException(
              "could not read " + topic + " to its end within " + timeout.toSeconds() + " s");
        }
        for (ConsumerRecord<String, byte[]> record : consumer.poll(POLL)) {
          TopicPartition partition = new TopicPartition(record.topic(), record.partition());
          if (record.key() == null) {
            continue;
          }
          if (record.offset() >= end.get(partition)) {
            // Past the end taken at the start: the follower reads it again.
            consumer.seek(partition, end.get(partition));
            continue;
          }
          Written written = written(record);
          each.accept(written);
          if (written.value().isEmpty()) {
            latest.remove(record.key());
          } else {
            latest.put(record.key(), written.value().get());
          }
        }
      }
      return new Contents(latest, new Follower(consumer));
    } catch (RuntimeException e) {
      consumer.close();
      throw e;
    }
  }

  private static Written written(ConsumerRecord<String, byte[]> record) {
    Header writer = record.headers().lastHeader(WRITER_HEADER);
    return new Written(
        record.key(),
        Optional.ofNullable(record.value()).map(ByteBuffer::wrap),
        writer == null ? null : new String(writer.value(), StandardCharsets.UTF_8));
  }

  /** Reads what is written to the topic after {@link #createOrRead}; one thread at a time. */
  static final class Follower implements AutoCloseable {

    private final KafkaConsumer<String, byte[]> consumer;

    private Follower(KafkaConsumer<String, byte[]> consumer) {
      this.consumer = consumer;
    }

    /** The records written since the last call, in order; none when Kafka does not answer. */
    List<Written> poll(Duration wait) {
      List<Written> records = new ArrayList<>();
      for (ConsumerRecord<String, byte[]> record : consumer.poll(wait)) {
        if (record.key() != null) {
          records.add(written(record));
        }
      }
      return records;
    }

    /**
     * At once: it is in no group, so nothing is committed. The application's stop interrupts its
     * thread, also while it closes; the interrupt is kept for the owner, not thrown.
     */
    @Override
    public void close() {
      try {
        consumer.close(Duration.ZERO);
      } catch (InterruptException e) {
        // Kafka's InterruptException has set the thread's interrupt flag again.
      }
    }
  }
}
