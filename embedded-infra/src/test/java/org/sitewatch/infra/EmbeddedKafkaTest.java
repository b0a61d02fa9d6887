package org.sitewatch.infra;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/** The broker configuration only; starting a broker is the system tests' business. */
class EmbeddedKafkaTest {

  @Test
  void singleNodeConfigurationOnLoopback() {
    Properties p = EmbeddedKafka.brokerProperties(29092, 29093, Path.of("/data/kafka"));

    assertEquals("broker,controller", p.getProperty("process.roles"), "combined node");
    assertEquals("1@127.0.0.1:29093", p.getProperty("controller.quorum.voters"), "voters");
    assertEquals(
        "PLAINTEXT://127.0.0.1:29092,CONTROLLER://127.0.0.1:29093",
        p.getProperty("listeners"),
        "listeners");
    assertEquals(
        "PLAINTEXT://127.0.0.1:29092", p.getProperty("advertised.listeners"), "advertised");
    assertEquals("/data/kafka", p.getProperty("log.dirs"), "log dir");
    assertEquals(
        "false",
        p.getProperty("auto.create.topics.enable"),
        "topics are created by the persister, not on first use");
    for (String key :
        new String[] {
          "offsets.topic.replication.factor",
          "transaction.state.log.replication.factor",
          "transaction.state.log.min.isr",
          "min.insync.replicas",
          "default.replication.factor"
        }) {
      assertEquals("1", p.getProperty(key), key + " on a single node");
    }
  }
}
