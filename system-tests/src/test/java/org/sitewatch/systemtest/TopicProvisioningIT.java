package org.sitewatch.systemtest;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.config.ConfigResource;
import org.junit.jupiter.api.Test;

/**
 * The embedded broker creates no topics on first use, so the results and dead-letter topics exist
 * only because the persister created them, with its configured partition count (default 6).
 */
class TopicProvisioningIT {

  @Test
  void thePersisterCreatedBothTopicsWithTheConfiguredPartitions() throws Exception {
    try (Admin admin = Admin.create(Map.of("bootstrap.servers", Stack.kafkaBootstrap()))) {
      ConfigResource broker = new ConfigResource(ConfigResource.Type.BROKER, "1");
      Config brokerConfig = admin.describeConfigs(List.of(broker)).all().get().get(broker);
      assertEquals(
          "false",
          brokerConfig.get("auto.create.topics.enable").value(),
          "the broker must not create topics itself, or this test proves nothing");
      Map<String, TopicDescription> topics =
          admin.describeTopics(List.of(Topics.RESULTS, Topics.DEAD_LETTERS)).allTopicNames().get();
      for (String topic : List.of(Topics.RESULTS, Topics.DEAD_LETTERS)) {
        TopicDescription description = topics.get(topic);
        assertEquals(6, description.partitions().size(), topic + " has 6 partitions");
        assertEquals(
            1,
            description.partitions().get(0).replicas().size(),
            topic + " has the broker's default replication factor (1 on one broker)");
      }
    }
  }
}
