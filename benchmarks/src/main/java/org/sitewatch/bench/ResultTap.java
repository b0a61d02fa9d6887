package org.sitewatch.bench;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.sitewatch.common.CheckResult;
import org.sitewatch.common.serde.CheckResultCodec;

/**
 * Reads the checker's results off the topic from its end at the time of opening, outside any
 * consumer group (the persister's offsets stay untouched), and hands each farm result on.
 */
final class ResultTap implements AutoCloseable {

  private final KafkaConsumer<String, byte[]> consumer;
  private final Thread thread;
  private final AtomicReference<Exception> failure = new AtomicReference<>();
  private volatile boolean running = true;

  ResultTap(String bootstrapServers, Consumer<CheckResult> sink) {
    Properties config = new Properties();
    config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
    config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
    config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    consumer = new KafkaConsumer<>(config);
    List<TopicPartition> partitions =
        consumer.partitionsFor(BenchStack.TOPIC, Duration.ofSeconds(30)).stream()
            .map(p -> new TopicPartition(p.topic(), p.partition()))
            .toList();
    consumer.assign(partitions);
    consumer.seekToEnd(partitions);
    partitions.forEach(consumer::position);
    thread =
        new Thread(
            () -> {
              try {
                while (running) {
                  for (ConsumerRecord<String, byte[]> record :
                      consumer.poll(Duration.ofMillis(200))) {
                    CheckResult result = CheckResultCodec.decode(record.value());
                    if (result.siteId().startsWith(FarmSites.PREFIX)) {
                      sink.accept(result);
                    }
                  }
                }
              } catch (Exception e) {
                failure.set(e);
              }
            },
            "result-tap");
    thread.start();
  }

  static long micros(Instant instant) {
    return ChronoUnit.MICROS.between(Instant.EPOCH, instant);
  }

  @Override
  public void close() throws InterruptedException {
    running = false;
    thread.join();
    consumer.close(Duration.ofSeconds(5));
    if (failure.get() != null) {
      throw new IllegalStateException("reading results failed", failure.get());
    }
  }
}
