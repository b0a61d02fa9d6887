package org.sitewatch.systemtest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The persister SIGKILLed in the middle of a 100,000-result backlog, batches in flight, then
 * started again: every result is stored, none twice (uncommitted offsets are redelivered and the
 * idempotent insert skips what was already committed).
 */
class PersisterKillIT {

  @Test
  void everyResultIsStoredOnceAfterTheProcessIsKilledMidBatch() throws Exception {
    Flood flood = Flood.send("kill");
    flood.awaitStored(5_000, Duration.ofSeconds(60));
    Stack.control("/servers/persister/kill");
    try {
      long storedAtKill = flood.storedRows();
      assertTrue(storedAtKill < Flood.SIZE, "killed mid-stream, " + storedAtKill + " stored");
      assertEquals(
          -1, Stack.status(Stack.persister("/health/ready")), "nothing answers while killed");
    } finally {
      Stack.control("/servers/persister/start");
    }
    Stack.awaitStatus(Stack.persister("/health/ready"), 200, Duration.ofSeconds(90));
    flood.assertStoredExactlyOnce(Duration.ofSeconds(120));
  }
}
