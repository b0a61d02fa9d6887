package org.sitewatch.support.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import org.junit.jupiter.api.Test;

class KafkaTopicsTest {

  @Test
  void threeReplicasOrMoreNeedTwoInSync() {
    assertEquals(Map.of("min.insync.replicas", "2"), KafkaTopics.durability(3));
    assertEquals(Map.of("min.insync.replicas", "2"), KafkaTopics.durability(5));
  }

  @Test
  void fewerReplicasKeepTheBrokersDefault() {
    assertEquals(Map.of(), KafkaTopics.durability(1));
    assertEquals(Map.of(), KafkaTopics.durability(2));
  }
}
