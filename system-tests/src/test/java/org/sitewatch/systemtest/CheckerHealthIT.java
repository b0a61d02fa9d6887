package org.sitewatch.systemtest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
  void readinessDataShowsTheScheduledSites() {
    String body = Stack.get(Stack.checker("/health/ready")).body();
    assertTrue(body.contains("\"sitesScheduled\":8"), "all 8 scenario sites scheduled: " + body);
    assertTrue(body.contains("scenario-sites.yaml"), "names the sites file: " + body);
  }
}
