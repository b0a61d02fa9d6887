package org.sitewatch.systemtest;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The Kafka broker stopped and started again while the checker produces and the persister works
 * through a 100,000-result backlog: both report not ready meanwhile, and afterwards every result of
 * the backlog is stored exactly once.
 */
class KafkaRestartIT {

  @Test
  void everyResultIsStoredOnceAcrossABrokerRestart() throws Exception {
    URI checker = Stack.checker("/health/ready");
    URI persister = Stack.persister("/health/ready");
    Flood flood = Flood.send("kafkadown");
    flood.awaitStored(5_000, Duration.ofSeconds(60));
    Stack.control("/kafka/stop");
    try {
      Stack.awaitStatus(checker, 503, Duration.ofSeconds(30));
      Stack.awaitStatus(persister, 503, Duration.ofSeconds(30));
      long storedWhileDown = flood.storedRows();
      assertTrue(
          storedWhileDown < Flood.SIZE,
          "the broker went down mid-stream, " + storedWhileDown + " stored");
    } finally {
      Stack.control("/kafka/start");
    }
    Stack.awaitStatus(checker, 200, Duration.ofSeconds(60));
    Stack.awaitStatus(persister, 200, Duration.ofSeconds(60));
    flood.assertStoredExactlyOnce(Duration.ofSeconds(120));
  }
}
