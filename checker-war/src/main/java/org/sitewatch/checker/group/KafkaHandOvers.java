package org.sitewatch.checker.group;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The hand-over records of the checker group's topic, its only records: a checker releasing
 * partitions writes into each until when it made every due probe of their sites and in which
 * generation it let go; the next owner reads the last record of each partition assigned to it.
 */
final class KafkaHandOvers implements AutoCloseable {

  private static final Logger LOG = Logger.getLogger(KafkaHandOvers.class.getName());
  private static final Duration POLL = Duration.ofMillis(500);

  /** A hand-over written longer ago than this is history, not a hand-over to this checker. */
  private static final Duration VALID = Duration.ofMinutes(1);

  /** How long a write or a read may take: the group waits for the rebalance callbacks. */
  private static final Duration WAIT = Duration.ofSeconds(3);

  private final String topic;
  private final String checkerId;
  private final KafkaProducer<String, String> writer;
  private final KafkaConsumer<String, String> reader;

  KafkaHandOvers(Map<String, Object> client, String topic, String checkerId) {
    this.topic = topic;
    this.checkerId = checkerId;
    Map<String, Object> writing = new HashMap<>(client);
    writing.keySet().retainAll(ProducerConfig.configNames());
    writing.put(ProducerConfig.CLIENT_ID_CONFIG, "sitewatch-checker-handover");
    writing.put(ProducerConfig.ACKS_CONFIG, "all");
    writing.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, (int) WAIT.toMillis());
    writing.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) WAIT.toMillis());
    writing.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) WAIT.toMillis() * 2);
    Map<String, Object> reading = new HashMap<>(client);
    reading.keySet().retainAll(ConsumerConfig.configNames());
    reading.put(ConsumerConfig.CLIENT_ID_CONFIG, "sitewatch-checker-handover-reader");
    reading.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    writer = new KafkaProducer<>(writing, new StringSerializer(), new StringSerializer());
    try {
      reader = new KafkaConsumer<>(reading, new StringDeserializer(), new StringDeserializer());
    } catch (RuntimeException e) {
      writer.close();
      throw e;
    }
  }

  /** Tells the next owners of {@code partitions} until when every due probe was made here. */
  void write(Collection<TopicPartition> partitions, Instant until, int generation) {
    String release = until + " " + generation;
    try {
      for (TopicPartition partition : partitions) {
        writer.send(new ProducerRecord<>(topic, partition.partition(), checkerId, release));
      }
      writer.flush();
    } catch (RuntimeException e) {
      LOG.log(
          Level.WARNING,
          "Could not tell the next owners of {0} partitions when this checker stopped probing"
              + " them; they start at their sites'' next probes: {1}",
          new Object[] {partitions.size(), e.toString()});
    }
  }

  /**
   * When each of the partitions was handed over to this checker, as its last record tells. Only a
   * release in one of the two generations before {@code generation} hands it over: the group
   * reassigns a partition in the rebalance after the one that revoked it (or after its owner left).
   * An older record is an earlier hand-over, to the checker that has since died.
   */
  Map<Integer, Instant> read(Collection<TopicPartition> partitions, int generation) {
    if (partitions.isEmpty()) {
      return Map.of();
    }
    Map<Integer, Instant> handedOver = new HashMap<>();
    try {
      reader.assign(partitions);
      Set<TopicPartition> waiting = new HashSet<>();
      reader
          .endOffsets(partitions, WAIT)
          .forEach(
              (partition, end) -> {
                if (end > 0) {
                  reader.seek(partition, end - 1);
                  waiting.add(partition);
                }
              });
      Instant oldest = Instant.now().minus(VALID);
      long deadline = System.nanoTime() + WAIT.toNanos();
      while (!waiting.isEmpty() && System.nanoTime() < deadline) {
        for (ConsumerRecord<String, String> record : reader.poll(POLL)) {
          waiting.remove(new TopicPartition(record.topic(), record.partition()));
          String[] release = record.value().split(" ");
          Instant at = Instant.parse(release[0]);
          int released = Integer.parseInt(release[1]);
          Instant written = Instant.ofEpochMilli(record.timestamp());
          if (written.isAfter(oldest) && released >= generation - 2) {
            handedOver.put(record.partition(), at);
          }
        }
      }
    } catch (KafkaException
        | DateTimeParseException
        | NullPointerException
        | ArrayIndexOutOfBoundsException
        | NumberFormatException e) {
      LOG.log(
          Level.WARNING,
          "Could not read when the partitions assigned now were handed over; their sites start"
              + " at their next probes: {0}",
          e.toString());
    }
    return handedOver;
  }

  @Override
  public void close() {
    try {
      reader.close();
    } finally {
      writer.close();
    }
  }
}
