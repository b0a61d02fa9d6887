package org.sitewatch.checker.site;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
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
  @CsvSource(
      delimiter = '|',
      value = {
        "type: webhook | alerting.channels.ch | a webhook channel needs 'url': the http or https URL"
            + " notifications are posted to",
        "type: slack | alerting.channels.ch | a slack channel needs 'urlEnv': the variable that holds"
            + " its incoming webhook URL",
        "type: email | alerting.channels.ch | an email channel needs 'to': the list of its recipients",
        "type: sms, to: [a@b] | alerting.channels.ch.type | 'sms' is not a channel type: use webhook,"
            + " slack or email",
        "url: 'https://x.example' | alerting.channels.ch.type | missing: every channel needs a type"
            + " (webhook, slack or email)",
        "type: webhook, url: 'ftp://x.example/' | alerting.channels.ch.url | scheme 'ftp' is not"
            + " supported in 'ftp://x.example/': use http or https",
        "type: webhook, url: hooks/x | alerting.channels.ch.url | 'hooks/x' is not an absolute URL:"
            + " start it with https:// or http://",
        "type: slack, urlEnv: X, url: 'https://hooks.slack.com/T/B/secret' | alerting.channels.ch.url"
            + " | a slack channel takes no 'url': its URL embeds its token, a secret; set 'urlEnv' to"
            + " the variable that holds it",
        "type: email, to: [a@b], secretEnv: S | alerting.channels.ch.secretEnv | 'secretEnv' is not a"
            + " field of an email channel (webhook: url, secretEnv; slack: urlEnv; email: to)",
        "type: email, to: [] | alerting.channels.ch.to | empty list: give at least one address",
        "type: email, to: [ops] | alerting.channels.ch.to[0] | 'ops' is not an email address",
        "type: slack, urlEnv: 9LIVES | alerting.channels.ch.urlEnv | '9LIVES' is not a variable name:"
            + " use A-Z a-z 0-9 _ . and no digit first",
        "type: webhook, url: 'https://x.example', secretEnv: 'A-B' | alerting.channels.ch.secretEnv |"
            + " 'A-B' is not a variable name: use A-Z a-z 0-9 _ . and no digit first",
        "type: webhook, url: 'https://x.example', colour: red | alerting.channels.ch.colour | unknown"
            + " field 'colour' (known: type, url, urlEnv, secretEnv, to)",
      })
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
  @CsvSource(
      delimiter = '|',
      value = {
        "failureThreshold: 0 | sites[0].alerts.failureThreshold | failureThreshold 0 is out of"
            + " range: use 1 to 100",
        "successThreshold: 101 | sites[0].alerts.successThreshold | successThreshold 101 is out of"
            + " range: use 1 to 100",
        "remindEvery: 30s | sites[0].alerts.remindEvery | remindEvery 30s is out of range: use 1m to"
            + " 3650d",
        "remindEvery: 60 | sites[0].alerts.remindEvery | '60' has no unit: units are required (ms, s,"
            + " m, h or d), e.g. 60s",
        "sendResolved: maybe | sites[0].alerts.sendResolved | expected true or false, found 'maybe'",
        "failureThreshold: 2, escalate: true | sites[0].alerts.escalate | unknown field 'escalate'"
            + " (known: channels, failureThreshold, successThreshold, sendResolved, remindEvery)",
      })
  void alertsSettingsAreInRange(String fields, String field, String message) {
    assertProblem(SITE + "    alerts: {" + fields + "}\n", 4, field, message);
  }

  private static String window(String fields) {
    return SITE + "maintenance:\n  - " + fields + "\n";
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "{match: {sites: [web]}, start: 2026-12-24 22:00, duration: 2h} | maintenance[0].start |"
            + " '2026-12-24 22:00' is not an RFC 3339 timestamp with an offset, e.g."
            + " 2026-12-24T22:00:00Z or 2026-12-24T23:00:00+01:00",
        "{match: {sites: [web]}, start: 2026-12-24T22:00:00, duration: 2h} | maintenance[0].start |"
            + " '2026-12-24T22:00:00' is not an RFC 3339 timestamp with an offset, e.g."
            + " 2026-12-24T22:00:00Z or 2026-12-24T23:00:00+01:00",
        "{match: {sites: [web]}, start: 2026-12-24T22:00:00Z, duration: 30s} | maintenance[0].duration"
            + " | duration 30s is out of range: use 1m to 3650d",
        "{match: {sites: [web]}, start: 2026-12-24T22:00:00Z, duration: 2h, every: 2h} |"
            + " maintenance[0].every | every 2h is not longer than the duration 2h: each occurrence"
            + " must end before the next",
        "{match: {}, start: 2026-12-24T22:00:00Z, duration: 2h} | maintenance[0].match | match must"
            + " have labels or sites",
        "{match: {sites: [nope]}, start: 2026-12-24T22:00:00Z, duration: 2h} |"
            + " maintenance[0].match.sites[0] | unknown site \"nope\": no site of the file has this id",
        "{match: {sites: [web]}, duration: 2h} | maintenance[0].start | missing: a maintenance window"
            + " needs match, start and duration",
        "{match: {hosts: [web]}, start: 2026-12-24T22:00:00Z, duration: 2h} | maintenance[0].match.hosts"
            + " | unknown field 'hosts' (known: labels, sites)",
        "{match: {sites: [web]}, start: 2026-12-24T22:00:00Z, duration: 2h, until: 2027} |"
            + " maintenance[0].until | unknown field 'until' (known: match, start, duration, every)",
      })
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
                alerts: {channels: [pager], failureThreshold: 0}
            maintenance:
              - {match: {sites: [gone]}, start: 2026-12-24T22:00:00Z, duration: 2h}
            """);

    assertEquals(
        List.of(
            "alerting.channels.hook",
            "sites[0].alerts.channels[0]",
            "sites[0].alerts.failureThreshold",
            "maintenance[0].match.sites[0]"),
        problems.stream().map(Problem::field).toList());
  }
}
