package org.sitewatch.systemtest;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.junit.jupiter.api.Test;

/**
 * A dead letter the broker refuses (larger than the dead-letter topic accepts): the persister's
 * readiness is DOWN and names why while it retries, and once the topic takes it the dead letter is
 * written once and readiness is UP again. Nothing is acknowledged, so nothing is lost, meanwhile.
 */
class DeadLetterUnwritableIT {

  private static final ConfigResource DEAD_LETTER_TOPIC =
      new ConfigResource(ConfigResource.Type.TOPIC, Topics.DEAD_LETTERS);
  private static final int TOPIC_LIMIT_BYTES = 1024;

  private final String key = "dlq-unwritable-" + System.nanoTime();

  @Test
  void aRefusedDeadLetterKeepsReadinessDownUntilItIsWritten() throws Exception {
    URI ready = Stack.persister("/health/ready");
    // Random bytes do not compress: the dead letter stays larger than the topic's limit.
    byte[] bad = new byte[4 * TOPIC_LIMIT_BYTES];
    new Random(7).nextBytes(bad);
    bad[0] = 0x7b;
    try (Admin admin = Admin.create(Map.of("bootstrap.servers", Stack.kafkaBootstrap()))) {
      limitDeadLetterTopic(admin, AlterConfigOp.OpType.SET);
      try {
        Topics.send(new ProducerRecord<>(Topics.RESULTS, key, bad));
        Stack.awaitStatus(ready, 503, Duration.ofSeconds(30));
        String health = Stack.get(ready).body();
        assertTrue(
            health.contains("deadLetterError") && health.contains("RecordTooLarge"),
            "readiness names the refused dead letter: " + health);
        assertTrue(
            Stack.metric(Stack.persister("/metrics"), "sitewatch_dead_letters_pending") >= 1,
            "the dead letter waits (sitewatch_dead_letters_pending on /metrics)");
        assertEquals(List.of(), ourDeadLetters(), "nothing written while the topic refuses");
      } finally {
        limitDeadLetterTopic(admin, AlterConfigOp.OpType.DELETE);
      }
    }
    // The retry backoff is at most 30 s.
    Stack.awaitStatus(ready, 200, Duration.ofSeconds(60));
    List<ConsumerRecord<String, byte[]>> letters =
        await("the dead letter is written once the topic accepts it")
            .atMost(Duration.ofSeconds(30))
            .until(this::ourDeadLetters, l -> !l.isEmpty());
    assertEquals(1, letters.size(), "written once: " + letters);
    assertTrue(Arrays.equals(bad, letters.get(0).value()), "the original bytes are kept");
    HttpResponse<String> health = Stack.get(ready);
    assertTrue(!health.body().contains("deadLetterError"), "the error clears: " + health.body());
  }

  private static void limitDeadLetterTopic(Admin admin, AlterConfigOp.OpType op) throws Exception {
    AlterConfigOp change =
        new AlterConfigOp(
            new ConfigEntry(TopicConfig.MAX_MESSAGE_BYTES_CONFIG, "" + TOPIC_LIMIT_BYTES), op);
    admin.incrementalAlterConfigs(Map.of(DEAD_LETTER_TOPIC, List.of(change))).all().get();
  }

  private List<ConsumerRecord<String, byte[]>> ourDeadLetters() {
    return Topics.readAll(Topics.DEAD_LETTERS).stream()
        .filter(r -> key.equals(r.key()))
        .collect(Collectors.toList());
  }
}
