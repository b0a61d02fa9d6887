package org.sitewatch.systemtest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The checker's MicroProfile Health endpoints while Kafka is up. */
class CheckerHealthIT {

  @Test
  void startedLiveAndReadyAreUp() {
    for (String path : List.of("/health/started", "/health/live", "/health/ready")) {
      var response = Stack.get(Stack.checker(path));
      assertEquals(200, response.statusCode(), path + ": " + response.body());
      assertTrue(response.body().contains("\"status\":\"UP\""), path + ": " + response.body());
    }
  }

  @Test
  void readinessDataShowsTheScheduledSites() throws IOException {
    String body = Stack.get(Stack.checker("/health/ready")).body();
    int sites = siteCount(scenarioSites());
    assertTrue(sites >= 15, "the scenario sites file lists " + sites + " sites");
    assertTrue(
        body.contains("\"sitesScheduled\":" + sites),
        "all " + sites + " scenario sites scheduled: " + body);
    assertTrue(body.contains("scenario-sites.yaml"), "names the sites file: " + body);
  }

  /** The sites a sites file lists: its list items at the top level of 'sites'. */
  static int siteCount(String sitesFile) {
    return (int) sitesFile.lines().filter(line -> line.startsWith("  - ")).count();
  }

  private static String scenarioSites() throws IOException {
    try (InputStream in =
        CheckerHealthIT.class.getClassLoader().getResourceAsStream("scenario-sites.yaml")) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
