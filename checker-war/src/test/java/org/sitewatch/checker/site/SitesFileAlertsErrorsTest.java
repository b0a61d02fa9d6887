package org.sitewatch.checker.site;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvFileSource;
import org.sitewatch.checker.site.InvalidSitesFileException.Problem;

/** Invalid alerting, alerts and maintenance: each problem with its line and field. */
class SitesFileAlertsErrorsTest {

  private static final String FILE = "/etc/sitewatch/sites.yaml";
  private static final String SITE = "sites:\n  - url: https://example.com\n    id: web\n";

  private static List<Problem> problems(String yaml) {
    return assertThrows(
            InvalidSitesFileException.class, () -> new SitesFileParser().parse(yaml, FILE))
        .problems();
  }

  private static void assertProblem(String yaml, int line, String field, String message) {
    assertEquals(List.of(new Problem(FILE, line, field, message)), problems(yaml), yaml);
  }

  private static String channel(String fields) {
    return "alerting:\n  channels:\n    ch: {" + fields + "}\n" + SITE;
  }

  @ParameterizedTest
  @CsvFileSource(resources = "/sites/channel-problems.csv", delimiter = '|', quoteCharacter = '~')
  void aChannelTakesTheFieldsOfItsType(String fields, String field, String message) {
    assertProblem(channel(fields), 3, field, message);
  }

  @Test
  void aChannelNameIsShort() {
    String name = "x".repeat(65);
    assertProblem(
        "alerting:\n  channels:\n    " + name + ": {type: email, to: [a@b]}\n" + SITE,
        3,
        "alerting.channels." + name,
        "'"
            + name
            + "' is not a valid channel name: use 1 to 64 of the characters A-Z a-z 0-9 . _ -");
    assertProblem(
        "alerting:\n  channels:\n    'ops hook': {type: email, to: [a@b]}\n" + SITE,
        3,
        "alerting.channels.ops hook",
        "'ops hook' is not a valid channel name: use 1 to 64 of the characters A-Z a-z 0-9 . _ -");
  }

  @Test
  void alertsNameDefinedChannelsOnly() {
    assertProblem(
        """
        alerting:
          channels:
            b: {type: email, to: [a@b]}
            a: {type: slack, urlEnv: A}
        sites:
          - url: https://example.com
            alerts: {channels: [a, x]}
        """,
        7,
        "sites[0].alerts.channels[1]",
        "unknown channel \"x\"; defined: a, b");
    assertProblem(
        "defaults:\n  alerts:\n    channels: [ops]\n" + SITE,
        3,
        "defaults.alerts.channels[0]",
        "unknown channel \"ops\"; none is defined under alerting.channels");
  }

  @Test
  void aChannelIsListedOnce() {
    assertProblem(
        "alerting:\n  channels:\n    a: {type: slack, urlEnv: A}\n"
            + SITE
            + "    alerts: {channels: [a, a]}\n",
        7,
        "sites[0].alerts.channels[1]",
        "channel \"a\" is listed twice");
  }

  @ParameterizedTest
  @CsvFileSource(resources = "/sites/alerts-problems.csv", delimiter = '|', quoteCharacter = '~')
  void alertsSettingsAreInRange(String fields, String field, String message) {
    assertProblem(SITE + "    alerts: {" + fields + "}\n", 4, field, message);
  }

  private static String window(String fields) {
    return SITE + "maintenance:\n  - " + fields + "\n";
  }

  @ParameterizedTest
  @CsvFileSource(
      resources = "/sites/maintenance-problems.csv",
      delimiter = '|',
      quoteCharacter = '~')
  void aWindowIsValidAndNamesExistingSites(String fields, String field, String message) {
    assertProblem(window(fields), 5, field, message);
  }

  @Test
  void everyProblemOfTheNewSectionsIsReportedAtOnce() {
    List<Problem> problems =
        problems(
            """
            alerting:
              channels:
                hook: {type: webhook}
            sites:
              - url: https://example.com
                alerts: {channels: [pager], failureThreshold: 0, minLocations: 0}
            maintenance:
              - {match: {sites: [gone]}, start: 2026-12-24T22:00:00Z, duration: 2h}
            """);

    assertEquals(
        List.of(
            "alerting.channels.hook",
            "sites[0].alerts.channels[0]",
            "sites[0].alerts.failureThreshold",
            "sites[0].alerts.minLocations",
            "maintenance[0].match.sites[0]"),
        problems.stream().map(Problem::field).toList());
  }
}
