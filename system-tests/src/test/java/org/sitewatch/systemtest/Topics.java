package org.sitewatch.systemtest;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.awaitility.core.ConditionTimeoutException;

/** Reads topics and the persister's consumer-group position for the tests. */
final class Topics {

  static final String RESULTS = "sitewatch.check-results";
  static final String DEAD_LETTERS = "sitewatch.check-results.dlq";
  static final String PERSISTER_GROUP = "sitewatch-persister";

  private Topics() {}

  /**
   * Every record on the topic from the beginning up to its end offsets as of now. Each broker call
   * has a short timeout, so a broker still electing leaders after a restart fails this read quickly
   * and a caller that polls tries again.
   */
  static List<ConsumerRecord<String, byte[]>> readAll(String topic) {
    Properties props = new Properties();
    props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, Stack.kafkaBootstrap());
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    Duration call = Duration.ofSeconds(5);
    KafkaConsumer<String, byte[]> consumer =
        new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer());
    try {
      List<TopicPartition> partitions =
          consumer.partitionsFor(topic, call).stream()
              .map(p -> new TopicPartition(topic, p.partition()))
              .collect(Collectors.toList());
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> end = consumer.endOffsets(partitions, call);
      List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
      long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      while (partitions.stream().anyMatch(tp -> consumer.position(tp, call) < end.get(tp))) {
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException("could not read " + topic + " to its end in 30 s");
        }
        for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(200))) {
          if (r.offset() < end.get(new TopicPartition(r.topic(), r.partition()))) {
            records.add(r);
          }
        }
      }
      return records;
    } finally {
      consumer.close(call);
    }
  }

  /** Sends one record, waiting until every in-sync replica has it. */
  static RecordMetadata send(ProducerRecord<String, byte[]> record) throws Exception {
    try (KafkaProducer<String, byte[]> producer =
        new KafkaProducer<>(
            Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                Stack.kafkaBootstrap(),
                ProducerConfig.ACKS_CONFIG,
                "all"),
            new StringSerializer(),
            new ByteArraySerializer())) {
      return producer.send(record).get();
    }
  }

  /** Waits until the persister has acknowledged every record now on the results topic. */
  static void awaitPersisterCaughtUp(Duration atMost) throws Exception {
    try (Admin admin = Admin.create(Map.of("bootstrap.servers", Stack.kafkaBootstrap()))) {
      awaitCommitted(admin, endOffsets(admin, RESULTS), atMost);
    }
  }

  /** Waits until the persister has acknowledged the record at {@code sent}, and those before it. */
  static void awaitPersisterPassed(RecordMetadata sent, Duration atMost) throws Exception {
    awaitPersisterPassed(
        Map.of(new TopicPartition(sent.topic(), sent.partition()), sent.offset() + 1), atMost);
  }

  /** Waits until the persister has acknowledged these records, and those before them. */
  static void awaitPersisterPassed(List<ConsumerRecord<String, byte[]>> records, Duration atMost)
      throws Exception {
    awaitPersisterPassed(
        records.stream()
            .collect(
                Collectors.toMap(
                    r -> new TopicPartition(r.topic(), r.partition()),
                    r -> r.offset() + 1,
                    Math::max)),
        atMost);
  }

  private static void awaitPersisterPassed(Map<TopicPartition, Long> next, Duration atMost)
      throws Exception {
    try (Admin admin = Admin.create(Map.of("bootstrap.servers", Stack.kafkaBootstrap()))) {
      awaitCommitted(admin, next, atMost);
    }
  }

  /**
   * Waits until the persister's committed offsets reach {@code wanted}; a timeout names the
   * partitions behind and what the persister's readiness says, so a stuck partition shows why.
   */
  private static void awaitCommitted(Admin admin, Map<TopicPartition, Long> wanted, Duration atMost)
      throws Exception {
    try {
      await("persister consumer group reaches " + wanted)
          .atMost(atMost)
          .pollInterval(Duration.ofMillis(500))
          .until(() -> behind(admin, wanted).isEmpty());
    } catch (ConditionTimeoutException e) {
      throw new AssertionError(
          "the persister did not acknowledge the records within "
              + atMost
              + "; behind (partition=committed/wanted): "
              + behind(admin, wanted)
              + "; persister readiness: "
              + Stack.get(Stack.persister("/health/ready")).body(),
          e);
    }
  }

  private static Map<TopicPartition, String> behind(Admin admin, Map<TopicPartition, Long> wanted)
      throws Exception {
    Map<TopicPartition, OffsetAndMetadata> committed =
        admin.listConsumerGroupOffsets(PERSISTER_GROUP).partitionsToOffsetAndMetadata().get();
    Map<TopicPartition, String> behind =
        new TreeMap<>(Comparator.comparing(TopicPartition::toString));
    wanted.forEach(
        (partition, offset) -> {
          OffsetAndMetadata at = committed.get(partition);
          if (offset > 0 && (at == null || at.offset() < offset)) {
            behind.put(partition, (at == null ? "none" : at.offset()) + "/" + offset);
          }
        });
    return behind;
  }

  private static Map<TopicPartition, Long> endOffsets(Admin admin, String topic) throws Exception {
    int partitions =
        admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic).partitions().size();
    Map<TopicPartition, OffsetSpec> request = new java.util.HashMap<>();
    for (int p = 0; p < partitions; p++) {
      request.put(new TopicPartition(topic, p), OffsetSpec.latest());
    }
    Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> result =
        admin.listOffsets(request).all().get();
    return result.entrySet().stream()
        .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().offset()));
  }

  /** Waits until the persisters' consumer group has {@code members} members. */
  static void awaitPersisterGroupMembers(int members) throws Exception {
    try (Admin admin = Admin.create(Map.of("bootstrap.servers", Stack.kafkaBootstrap()))) {
      await(members + " member(s) in the persister's consumer group")
          .atMost(Duration.ofSeconds(60))
          .pollInterval(Duration.ofMillis(500))
          .until(
              () ->
                  admin
                          .describeConsumerGroups(List.of(PERSISTER_GROUP))
                          .all()
                          .get()
                          .get(PERSISTER_GROUP)
                          .members()
                          .size()
                      == members);
    }
  }
}
