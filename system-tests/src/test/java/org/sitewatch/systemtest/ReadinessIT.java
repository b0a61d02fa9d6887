package org.sitewatch.systemtest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Readiness means "can do its job now": DOWN (503) while a dependency is away, UP again when it is
 * back, and liveness untouched, so an orchestrator would stop routing work but not restart. (Kafka
 * away: {@link CheckerGroupIT}, where two checkers ride the outage out.)
 */
class ReadinessIT {

  private static final Duration NOTICE = Duration.ofSeconds(30);

  private static void awaitStatus(URI uri, int status) {
    Stack.awaitStatus(uri, status, NOTICE);
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
