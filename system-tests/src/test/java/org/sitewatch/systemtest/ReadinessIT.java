package org.sitewatch.systemtest;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Readiness means "can do its job now": DOWN (503) while a dependency is away, UP again when it is
 * back, and liveness untouched, so an orchestrator would stop routing work but not restart.
 */
class ReadinessIT {

  private static final Duration NOTICE = Duration.ofSeconds(30);

  private static void awaitStatus(URI uri, int status) {
    Stack.awaitStatus(uri, status, NOTICE);
  }

  /**
   * Longer than the Kafka producer's default delivery timeout (2 minutes), after which results
   * waiting for the broker used to expire and be lost.
   */
  private static final Duration LONG_OUTAGE = Duration.ofSeconds(130);

  @Test
  void whileKafkaIsDownNeitherServerIsReadyAndNoResultIsLost() throws Exception {
    URI checker = Stack.checker("/health/ready");
    URI persister = Stack.persister("/health/ready");
    Stack.control("/kafka/stop");
    Set<String> answeredDuringOutage;
    try {
      awaitStatus(checker, 503);
      awaitStatus(persister, 503);
      HttpResponse<String> response = Stack.get(checker);
      assertTrue(
          response.body().contains("\"name\":\"kafka\",\"status\":\"DOWN\""),
          "the checker names Kafka as the reason: " + response.body());
      assertEquals(200, Stack.get(Stack.checker("/health/live")).statusCode(), "still alive");
      assertEquals(200, Stack.get(Stack.persister("/health/live")).statusCode(), "still alive");
      Set<String> before = ScenarioSites.targetCheckIds("/ok");
      Set<String> answered = new HashSet<>();
      await("a result the checker holds for Kafka is older than the delivery timeout")
          .atMost(LONG_OUTAGE.plusSeconds(30))
          .pollInterval(Duration.ofSeconds(1))
          .until(
              () -> {
                answered.addAll(ScenarioSites.targetCheckIds("/ok"));
                answered.removeAll(before);
                Instant longAgo = Instant.now().minus(LONG_OUTAGE);
                return answered.stream().map(ReadinessIT::createdAt).anyMatch(longAgo::isAfter)
                    && Stack.metric(Stack.checker("/metrics"), "sitewatch_results_pending") > 0;
              });
      answeredDuringOutage = answered;
      assertTrue(
          answeredDuringOutage.size() >= 10, "probes went on: " + answeredDuringOutage.size());
    } finally {
      Stack.control("/kafka/start");
    }
    awaitStatus(checker, 200);
    awaitStatus(persister, 200);
    await("every result of the outage is delivered and stored")
        .atMost(Duration.ofSeconds(90))
        .untilAsserted(
            () -> {
              Set<String> missing = new HashSet<>(answeredDuringOutage);
              missing.removeAll(StoredResults.ids("ok-with-marker", "ok-plain"));
              assertEquals(Set.of(), missing, "results of the outage not stored");
            });
    assertEquals(
        0,
        Stack.metric(Stack.checker("/metrics"), "sitewatch_results_dropped"),
        "nothing dropped (sitewatch_results_dropped on /metrics)");
  }

  /** When a result id (a UUIDv7, the probe's Sitewatch-Check-Id) was made: its first 48 bits. */
  private static Instant createdAt(String resultId) {
    return Instant.ofEpochMilli(UUID.fromString(resultId).getMostSignificantBits() >>> 16);
  }

  @Test
  void thePersisterIsNotReadyWhileItsDatabaseIsDown() {
    URI persister = Stack.persister("/health/ready");
    Stack.control("/postgres/stop");
    try {
      awaitStatus(persister, 503);
      String body = Stack.get(persister).body();
      assertTrue(body.contains("DOWN"), "readiness data says DOWN: " + body);
      assertEquals(
          200, Stack.get(Stack.checker("/health/ready")).statusCode(), "the checker needs no DB");
      assertEquals(200, Stack.get(Stack.persister("/health/live")).statusCode(), "still alive");
    } finally {
      Stack.control("/postgres/start");
    }
    awaitStatus(persister, 200);
  }
}
