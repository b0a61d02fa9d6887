package org.sitewatch.checker.site;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.sitewatch.common.catalog.AlertChannel;
import org.sitewatch.common.catalog.AlertPolicy;
import org.sitewatch.common.catalog.MaintenanceWindow;

/** Valid alerting, alerts and maintenance: what each site gets. */
class SitesFileAlertsTest {

  private static final String FILE =
      """
      alerting:
        channels:
          ops-hook:  {type: webhook, url: "https://hooks.example.net/sitewatch", secretEnv: SITEWATCH_ALERT_HOOK_SECRET}
          ops-mail:  {type: email, to: [ops@example.net, oncall@example.net]}
          team-chat: {type: slack, urlEnv: SITEWATCH_ALERT_SLACK_URL}
      defaults:
        labels: {env: prod}
        alerts: {channels: [ops-hook], failureThreshold: 3, successThreshold: 2, sendResolved: true, remindEvery: 1h}
      sites:
        - url: https://a.example.com
          id: a
        - url: https://b.example.com
          id: b
          labels: {env: staging}
          alerts: {channels: [ops-mail, team-chat], failureThreshold: 5, minLocations: 2}
        - url: https://c.example.com
          id: c
          alerts: {sendResolved: false}
      maintenance:
        - match: {labels: {env: staging}}
          start: 2026-12-24T22:00:00Z
          duration: 2h
          every: 7d
        - match: {sites: [a, c]}
          start: 2027-01-01T01:00:00+01:00
          duration: 30m
        - match: {labels: {env: prod}, sites: [b, c]}
          start: 2027-02-01T00:00:00Z
          duration: 1d
      """;

  private static final AlertChannel HOOK =
      channel(
          "ops-hook:WEBHOOK",
          "https://hooks.example.net/sitewatch",
          null,
          "SITEWATCH_ALERT_HOOK_SECRET");
  private static final AlertChannel MAIL =
      channel("ops-mail:EMAIL", null, null, null, "ops@example.net", "oncall@example.net");
  private static final AlertChannel CHAT =
      channel("team-chat:SLACK", null, "SITEWATCH_ALERT_SLACK_URL", null);

  /** A channel as {@code name:TYPE}, its optional fields null when absent. */
  private static AlertChannel channel(
      String nameAndType, String url, String urlEnv, String secretEnv, String... to) {
    String[] parts = nameAndType.split(":");
    return new AlertChannel(
        parts[0],
        AlertChannel.Type.valueOf(parts[1]),
        Optional.ofNullable(url),
        Optional.ofNullable(urlEnv),
        Optional.ofNullable(secretEnv),
        List.of(to));
  }

  private static final MaintenanceWindow WEEKLY =
      new MaintenanceWindow(
          Instant.parse("2026-12-24T22:00:00Z"),
          Duration.ofHours(2),
          Optional.of(Duration.ofDays(7)));
  private static final MaintenanceWindow NEW_YEAR =
      new MaintenanceWindow(
          Instant.parse("2027-01-01T00:00:00Z"), Duration.ofMinutes(30), Optional.empty());
  private static final MaintenanceWindow FEBRUARY =
      new MaintenanceWindow(
          Instant.parse("2027-02-01T00:00:00Z"), Duration.ofDays(1), Optional.empty());

  private static Map<String, Site> parse(String yaml) {
    return new SitesFileParser()
        .parse(yaml, "sites.yaml").stream()
            .collect(Collectors.toMap(Site::id, Function.identity()));
  }

  @Test
  void aSiteTakesTheDefaultsAlerts() {
    assertEquals(
        new AlertPolicy(List.of(HOOK), 3, 2, true, Optional.of(Duration.ofHours(1))),
        parse(FILE).get("a").alerts());
  }

  @Test
  void aSitesOwnAlertsFieldsOverrideTheDefaultsOnes() {
    Map<String, Site> sites = parse(FILE);

    assertEquals(
        new AlertPolicy(List.of(MAIL, CHAT), 5, 2, true, Optional.of(Duration.ofHours(1)), 2),
        sites.get("b").alerts());
    assertEquals(
        new AlertPolicy(List.of(HOOK), 3, 2, false, Optional.of(Duration.ofHours(1))),
        sites.get("c").alerts());
  }

  @Test
  void withoutAlertsASiteHasTheDefaultPolicy() {
    Site site = parse("sites:\n  - url: https://example.com\n").get("example.com");

    assertEquals(AlertPolicy.DEFAULT, site.alerts());
    assertEquals(List.of(), site.maintenance());
  }

  @Test
  void aWindowCoversTheSitesThatMatchAllItsCriteria() {
    Map<String, Site> sites = parse(FILE);

    assertEquals(List.of(NEW_YEAR), sites.get("a").maintenance(), "a: by id only");
    assertEquals(List.of(WEEKLY), sites.get("b").maintenance(), "b: staging, not prod");
    assertEquals(List.of(NEW_YEAR, FEBRUARY), sites.get("c").maintenance(), "c: prod and named");
  }

  @Test
  void aSiteWhoseAlertsChangedIsNotEqualToBefore() {
    Site before = parse(FILE).get("a");
    Site after = parse(FILE.replace("failureThreshold: 3", "failureThreshold: 4")).get("a");

    assertNotEquals(before, after);
    assertEquals(4, after.alerts().failureThreshold());
  }
}
