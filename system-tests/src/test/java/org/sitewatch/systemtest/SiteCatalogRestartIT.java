package org.sitewatch.systemtest;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * A site removed from the sites file while the checker was down is retired when it starts: it reads
 * the catalogue topic to its end and tombstones what the file no longer lists. Runs with the other
 * test that restarts the checker, in a JVM of its own.
 */
class SiteCatalogRestartIT {

  private static final String REMOVED = "unknown-host";

  @Test
  void aSiteRemovedWhileTheCheckerWasDownIsTombstonedWhenItStarts() throws Exception {
    Path file = ScenarioSites.runningFile();
    String original = Files.readString(file);
    URI ready = Stack.checker("/health/ready");
    // Ready means Kafka answers it: a test before this one may have just restarted the broker.
    Stack.awaitStatus(ready, 200, Duration.ofSeconds(90));
    SiteCatalogue.awaitUntil(
        "the catalogue holds " + REMOVED + " before the stop", now -> now.get(REMOVED) != null);
    try {
      try {
        Stack.control("/servers/checker/stop");
        assertEquals(-1, Stack.status(ready), "the checker is stopped");
        Files.writeString(file, ScenarioSites.removing(original, REMOVED));
      } finally {
        Stack.control("/servers/checker/start");
        Stack.awaitStatus(ready, 200, Duration.ofSeconds(180));
      }
      SiteCatalogue.awaitUntil(
          REMOVED + " is tombstoned by the checker's start, the other sites stay",
          now -> SiteCatalogue.tombstoned(now, REMOVED) && now.get("ok-plain") != null);
    } finally {
      Files.writeString(file, original);
    }
    SiteCatalogue.awaitUntil(
        "back in the sites file, " + REMOVED + " is published again",
        now -> now.get(REMOVED) != null);
  }
}
