package org.sitewatch.persister.topic;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import org.junit.jupiter.api.Test;

class TopicDurabilityTest {

  @Test
  void threeReplicasOrMoreNeedTwoInSync() {
    assertEquals(Map.of("min.insync.replicas", "2"), TopicDurability.configs(3));
    assertEquals(Map.of("min.insync.replicas", "2"), TopicDurability.configs(5));
  }

  @Test
  void fewerReplicasKeepTheBrokersDefault() {
    assertEquals(Map.of(), TopicDurability.configs(1));
    assertEquals(Map.of(), TopicDurability.configs(2));
  }
}
