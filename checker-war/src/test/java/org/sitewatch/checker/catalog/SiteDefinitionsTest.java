package org.sitewatch.checker.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.sitewatch.checker.site.Site;
import org.sitewatch.checker.site.SitesFileParser;
import org.sitewatch.common.catalog.AlertPolicy;
import org.sitewatch.common.catalog.SiteDefinition;

class SiteDefinitionsTest {

  @Test
  void carriesNameUrlLabelsIntervalAndAlertsButNoHeaders() {
    Site site =
        new SitesFileParser()
            .parse(
                """
                sites:
                  - url: https://example.com/health
                    id: web
                    name: Web
                    interval: 30s
                    headers: {Authorization: Bearer not-for-the-catalogue}
                    labels: {team: web}
                    alerts: {failureThreshold: 2}
                """,
                "sites.yaml")
            .get(0);

    assertEquals(
        new SiteDefinition(
            "web",
            "Web",
            "https://example.com/health",
            Map.of("team", "web"),
            Duration.ofSeconds(30),
            new AlertPolicy(List.of(), 2, 2, true, Optional.empty()),
            List.of()),
        SiteDefinitions.of(site));
  }
}
