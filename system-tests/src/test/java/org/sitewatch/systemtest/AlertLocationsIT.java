package org.sitewatch.systemtest;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.sitewatch.common.CheckResult;
import org.sitewatch.common.catalog.AlertPolicy;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Results from two locations, and a site whose alerts want {@code minLocations: 2}: it stays UP
 * while only one location sees it DOWN, turns DOWN when the second does, and UP again when one of
 * them sees it UP. Each result is stored and served with the checker and location that probed it.
 */
class AlertLocationsIT {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  @Test
  void aSiteIsDownOnlyWhileTwoLocationsSeeItDown() throws Exception {
    String site = AlertFeed.SITE_PREFIX + "locations-shop";
    AlertFeed.define(site, new AlertPolicy(List.of(), 1, 1, true, Optional.empty(), 2), List.of());
    Instant start = Instant.now().minusSeconds(60).truncatedTo(ChronoUnit.MILLIS);

    send(site, start, 0, "eu-west", false);
    send(site, start, 1, "us-east", true);
    send(site, start, 2, "eu-west", false);
    send(site, start, 3, "us-east", true);
    AlertFeed.awaitStored(site, 4);
    assertEquals(
        List.of(),
        AlertFeed.rows("SELECT id FROM incident WHERE site_id = ?", site),
        "one location of the two sees it DOWN: no incident");

    send(site, start, 4, "us-east", false);
    send(site, start, 5, "eu-west", true);
    AlertFeed.awaitStored(site, 6);

    List<Map<String, Object>> incidents =
        AlertFeed.rows("SELECT opened_at, resolved_at FROM incident WHERE site_id = ?", site);
    assertEquals(1, incidents.size(), incidents.toString());
    assertEquals(start.plusSeconds(4), instant(incidents.get(0).get("opened_at")));
    assertEquals(start.plusSeconds(5), instant(incidents.get(0).get("resolved_at")));

    JsonNode results =
        JSON.readTree(Stack.get(Stack.persister("/api/sites/" + site + "/results")).body());
    assertEquals(6, results.size());
    assertEquals("eu-west", results.get(0).get("location").asString(), "newest first");
    assertEquals("checker-eu-west", results.get(0).get("checker").asString());
    assertEquals("us-east", results.get(1).get("location").asString());
  }

  private static void send(String site, Instant start, int second, String location, boolean up)
      throws Exception {
    CheckResult result = AlertFeed.result(site, start.plusSeconds(second), up);
    AlertFeed.send(result.probedBy("checker-" + location, location));
  }

  private static Instant instant(Object timestamp) {
    return ((Timestamp) timestamp).toInstant();
  }
}
