package org.sitewatch.systemtest;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.sitewatch.common.serde.CheckResultCodec;

/**
 * The persister stops mid-stream while the checker keeps producing; after it comes back, every
 * result on the topic is stored, once.
 */
class PersisterRestartIT {

  @Test
  void everyResultOnTheTopicIsStoredOnceAcrossAPersisterRestart() throws Exception {
    await().atMost(Duration.ofSeconds(90)).until(() -> !Topics.readAll(Topics.RESULTS).isEmpty());
    Stack.control("/servers/persister/stop");
    try {
      int before = Topics.readAll(Topics.RESULTS).size();
      await("the checker keeps producing while the persister is down")
          .atMost(Duration.ofSeconds(30))
          .until(() -> Topics.readAll(Topics.RESULTS).size() >= before + 8);
    } finally {
      Stack.control("/servers/persister/start");
    }
    Stack.awaitStatus(Stack.persister("/health/ready"), 200, Duration.ofSeconds(120));

    // The checker's results only: other tests put floods and malformed records on the topic too.
    Set<String> checkerSites = ScenarioSites.ids();
    List<ConsumerRecord<String, byte[]>> records =
        Topics.readAll(Topics.RESULTS).stream()
            .filter(r -> checkerSites.contains(r.key()))
            .collect(Collectors.toList());
    Topics.awaitPersisterPassed(records, Duration.ofSeconds(60));

    Set<String> published =
        records.stream()
            .map(r -> CheckResultCodec.decode(r.value()).id().toString())
            .collect(Collectors.toSet());
    Set<String> stored = StoredResults.ids(checkerSites.toArray(String[]::new));
    Set<String> lost = new HashSet<>(published);
    lost.removeAll(stored);
    assertTrue(!published.isEmpty(), "the topic must hold results");
    assertEquals(Set.of(), lost, "results on the topic but not in the database");
    assertEquals(List.of(), StoredResults.duplicateIds(), "no result id may be stored twice");
  }
}
