package org.sitewatch.systemtest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.sitewatch.common.catalog.AlertChannel;
import org.sitewatch.common.catalog.AlertPolicy;
import org.sitewatch.common.catalog.SiteDefinition;

/**
 * The running checker publishes the site catalogue: every scenario site's definition on the
 * compacted topic, keyed by id, and after a reload a tombstone for a removed site and a definition
 * for an added one.
 */
class SiteCatalogIT {

  private static String url(String path) {
    return "http://127.0.0.1:" + System.getProperty("st.target.port") + path;
  }

  @Test
  void everyScenarioSiteIsPublishedWithItsNameUrlLabelsAndAlerts() {
    Set<String> ids = new TreeSet<>(ScenarioSites.ids());
    assertTrue(ids.size() > 20, "the scenario lists its sites: " + ids);
    SiteCatalogue.awaitUntil(
        "the catalogue holds exactly the scenario sites",
        now -> SiteCatalogue.checkersOwn(now).equals(ids));
    Map<String, SiteDefinition> catalogue = SiteCatalogue.latest();

    SiteDefinition plain = catalogue.get("ok-plain");
    assertEquals("ok-plain", plain.name(), "a site without a name is named by its id");
    assertEquals(url("/ok"), plain.url());
    assertEquals(Duration.ofSeconds(3), plain.interval(), "the defaults' interval");
    assertEquals(
        new AlertPolicy(List.of(), 2, 2, true, Optional.empty()),
        plain.alerts(),
        "its own failureThreshold, the rest at their defaults, no channel");
    SiteDefinition labelled = catalogue.get("tls-labelled");
    assertEquals(Map.of("team", "web", "env", "system-test"), labelled.labels());
    assertEquals(AlertPolicy.DEFAULT, labelled.alerts());
    for (String id : ids) {
      SiteDefinition definition = catalogue.get(id);
      assertEquals(id, definition.id(), "the record of " + id + " is keyed by its id");
      assertEquals(
          List.<AlertChannel>of(),
          definition.alerts().channels(),
          id + " names no channel: no test may receive notifications");
    }
    String readiness = Stack.get(Stack.checker("/health/ready")).body();
    assertTrue(
        readiness.contains("\"catalogue\":\"published " + ids.size() + " sites, 0 pending\""),
        "readiness shows the catalogue: " + readiness);
  }

  @Test
  void aReloadTombstonesARemovedSiteAndPublishesAnAddedOne() throws Exception {
    Path file = ScenarioSites.runningFile();
    String original = Files.readString(file);
    String edited =
        ScenarioSites.removing(original, "unknown-host")
            + "  - id: catalogue-added\n"
            + "    name: Added by SiteCatalogIT\n"
            + "    url: "
            + url("/untracked")
            + "\n"
            + "    alerts: {successThreshold: 5, remindEvery: 2h}\n";
    try {
      Files.writeString(file, edited);
      SiteCatalogue.awaitUntil(
          "the removed site is tombstoned and the added one published",
          now ->
              SiteCatalogue.tombstoned(now, "unknown-host") && now.get("catalogue-added") != null);
      SiteDefinition added = SiteCatalogue.latest().get("catalogue-added");
      assertEquals("Added by SiteCatalogIT", added.name());
      assertEquals(url("/untracked"), added.url());
      assertEquals(
          new AlertPolicy(List.of(), 3, 5, true, Optional.of(Duration.ofHours(2))), added.alerts());
    } finally {
      Files.writeString(file, original);
    }
    SiteCatalogue.awaitUntil(
        "back to the scenario sites: the added one tombstoned, the removed one published again",
        now -> SiteCatalogue.tombstoned(now, "catalogue-added") && now.get("unknown-host") != null);
  }
}
