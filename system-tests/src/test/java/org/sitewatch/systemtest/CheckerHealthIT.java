package org.sitewatch.systemtest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
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
  void allScenarioSitesAreScheduledAndReadinessNamesTheSitesFile() throws IOException {
    String body = Stack.get(Stack.checker("/health/ready")).body();
    int sites = ScenarioSites.count(ScenarioSites.text());
    assertTrue(sites >= 15, "the scenario sites file lists " + sites + " sites");
    assertEquals(
        sites,
        Stack.metric(Stack.checker("/metrics"), "sitewatch_sites_scheduled"),
        "all " + sites + " scenario sites scheduled (sitewatch_sites_scheduled on /metrics)");
    assertTrue(body.contains("scenario-sites.yaml"), "names the sites file: " + body);
  }
}
