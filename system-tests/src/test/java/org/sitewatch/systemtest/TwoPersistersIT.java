package org.sitewatch.systemtest;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Two persisters share the results topic in one consumer group; one is SIGKILLed in the middle of a
 * 100,000-result backlog. The survivor takes over its partitions: every result stored, none twice.
 */
class TwoPersistersIT {

  @Test
  void theSurvivorTakesOverAndEveryResultIsStoredOnce() throws Exception {
    URI second = URI.create("http://localhost:" + System.getProperty("st.persister2.http.port"));
    Stack.control("/servers/persister2/start");
    try {
      Stack.awaitStatus(second.resolve("/health/ready"), 200, Duration.ofSeconds(120));
      Topics.awaitPersisterGroupMembers(2);

      Flood flood = Flood.send("twopersisters");
      flood.awaitStored(5_000, Duration.ofSeconds(60));
      Stack.control("/servers/persister2/kill");
      long storedAtKill = flood.storedRows();
      assertTrue(storedAtKill < Flood.SIZE, "killed mid-stream, " + storedAtKill + " stored");

      flood.assertStoredExactlyOnce(Duration.ofSeconds(120));
      Topics.awaitPersisterGroupMembers(1);
    } finally {
      if (Stack.status(second.resolve("/health/live")) != -1) {
        Stack.control("/servers/persister2/stop");
      }
    }
  }
}
