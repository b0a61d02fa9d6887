package org.sitewatch.systemtest;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The running checker follows its sites file: a valid edit is applied without a restart, an invalid
 * one is rejected (the last good sites keep running) and shown on the readiness data.
 */
class HotReloadIT {

  private static String readiness() {
    return Stack.get(Stack.checker("/health/ready")).body();
  }

  private static double sitesScheduled() {
    return Stack.metric(Stack.checker("/metrics"), "sitewatch_sites_scheduled");
  }

  @Test
  void aValidEditIsAppliedAndAnInvalidOneIsRejectedWhileTheLastGoodSitesRun() throws Exception {
    Path file = ScenarioSites.runningFile();
    String original = Files.readString(file);
    int scheduled = ScenarioSites.count(original);
    String added =
        original
            + "  - id: hot-added\n"
            + "    url: http://127.0.0.1:"
            + System.getProperty("st.target.port")
            + "/untracked\n";
    try {
      Files.writeString(file, added);
      await("the added site is probed and stored without a restart")
          .atMost(Duration.ofSeconds(40))
          .until(() -> StoredResults.rowCount("hot-added") >= 1);
      assertEquals(scheduled + 1, sitesScheduled(), "the added site is scheduled");

      Files.writeString(file, added + "  - url: ftp://not-http\n");
      await("the invalid edit is shown on the readiness data")
          .atMost(Duration.ofSeconds(30))
          .until(() -> readiness().contains("sitesFileRejected"));
      String body = readiness();
      assertTrue(body.contains("sites[" + (scheduled + 1) + "].url"), "names the field: " + body);
      assertTrue(body.contains(file + ":"), "names the file: " + body);
      assertEquals(scheduled + 1, sitesScheduled(), "the last good sites run on");
      assertTrue(Stack.status(Stack.checker("/health/ready")) == 200, "still ready: " + body);
      int before = StoredResults.rowCount("hot-added");
      await("the last good set keeps probing")
          .atMost(Duration.ofSeconds(30))
          .until(() -> StoredResults.rowCount("hot-added") > before);
    } finally {
      Files.writeString(file, original);
    }
    await("back to the original sites, the rejection is gone")
        .atMost(Duration.ofSeconds(30))
        .until(() -> sitesScheduled() == scheduled && !readiness().contains("Rejected"));
    assertFalse(readiness().contains("hot-added"));
  }
}
