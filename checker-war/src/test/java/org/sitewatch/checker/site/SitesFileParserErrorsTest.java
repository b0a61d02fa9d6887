package org.sitewatch.checker.site;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.sitewatch.checker.site.InvalidSitesFileException.Problem;

/** Invalid sites files: each problem is reported with its line and field path. */
class SitesFileParserErrorsTest {

  private static final String FILE = "/etc/sitewatch/sites.yaml";

  private final SitesFileParser parser = new SitesFileParser();

  private List<Problem> problems(String yaml) {
    InvalidSitesFileException e =
        assertThrows(InvalidSitesFileException.class, () -> parser.parse(yaml, FILE));
    return e.problems();
  }

  /** Asserts the file has exactly this one problem. */
  private void assertProblem(String yaml, int line, String field, String message) {
    InvalidSitesFileException e =
        assertThrows(InvalidSitesFileException.class, () -> parser.parse(yaml, FILE));
    Problem expected = new Problem(FILE, line, field, message);
    assertEquals(List.of(expected), e.problems(), "problems of\n" + yaml);
    assertEquals(expected.toString(), e.getMessage());
  }

  @Test
  void unknownFieldIsNotIgnored() {
    assertProblem(
        """
        sites:
          - url: https://example.com
            intervall: 30s
        """,
        3,
        "sites[0].intervall",
        "unknown field 'intervall' (known: url, id, name, interval, timeout, method, headers,"
            + " body, expect, followRedirects, maxRedirects, allowInsecureRedirects, tls, retries, labels, alerts)");
  }

  @Test
  void unknownFieldsAreReportedAtEveryLevel() {
    List<Problem> problems =
        problems(
            """
            defaults:
              url: https://example.com
            sites:
              - url: https://example.com
                expect:
                  statuses: 200
            site: []
            """);

    assertEquals(
        List.of(
            new Problem(
                FILE,
                2,
                "defaults.url",
                "unknown field 'url' (known: interval, timeout, method, headers,"
                    + " body, expect, followRedirects, maxRedirects, allowInsecureRedirects, tls, retries, labels, alerts)"),
            new Problem(
                FILE,
                6,
                "sites[0].expect.statuses",
                "unknown field 'statuses' (known: status, regex, maxBodyBytes, maxResponseTime)"),
            new Problem(
                FILE,
                7,
                "site",
                "unknown field 'site' (known: defaults, sites, alerting, maintenance)")),
        problems);
  }

  @Test
  void fieldGivenTwice() {
    assertProblem(
        """
        sites:
          - url: https://example.com
            name: One
            name: Two
        """,
        4,
        "sites[0].name",
        "field 'name' is given twice (first at line 3)");
  }

  @Test
  void urlIsRequired() {
    assertProblem(
        """
        sites:
          - url: https://example.com
          - name: No URL
            interval: 30s
        """,
        3,
        "sites[1].url",
        "missing: every site needs a url");
  }

  @Test
  void urlMustBeAbsoluteHttpWithAHost() {
    List<Problem> problems =
        problems(
            """
            sites:
              - url: ftp://example.com
              - url: example.com
              - url: https:///path/only
              - url: https://exa mple.com
              - url: mailto:someone@example.com
              - url: https://example.com/a|b
            """);

    assertEquals(
        List.of(
            new Problem(
                FILE,
                2,
                "sites[0].url",
                "scheme 'ftp' is not supported in 'ftp://example.com': use http or https"),
            new Problem(
                FILE,
                3,
                "sites[1].url",
                "'example.com' is not an absolute URL: start it with https:// or http://"),
            new Problem(FILE, 4, "sites[2].url", "'https:///path/only' has no valid host name"),
            new Problem(
                FILE,
                5,
                "sites[3].url",
                "'https://exa mple.com' is not a valid URL: it contains a space or control"
                    + " character at index 11 (encode a space as %20)"),
            new Problem(
                FILE,
                6,
                "sites[4].url",
                "scheme 'mailto' is not supported in 'mailto:someone@example.com': use http or"
                    + " https"),
            new Problem(
                FILE,
                7,
                "sites[5].url",
                "'https://example.com/a|b' is not a valid URL: Illegal character in path at index"
                    + " 21")),
        problems);
  }

  @Test
  void credentialsInTheUrlAreRefusedWithoutShowingThem() {
    String yaml =
        """
        sites:
          - url: https://ann:s3cr3t@example.com/status
          - url: http://ann@example.com
          - url: https://ann:s3cr3t@exa mple.com/
          - url: ftp://ann:s3cr3t@example.com/
        """;
    InvalidSitesFileException e =
        assertThrows(InvalidSitesFileException.class, () -> parser.parse(yaml, FILE));

    String message =
        "url must not hold credentials (user:password@): they would be stored with every result,"
            + " served by the API and logged; send them in a header instead, e.g. headers: {"
            + " Authorization: \"Basic ${MY_SITE_AUTH}\" } with MY_SITE_AUTH set to the base64"
            + " of user:password";
    assertEquals(
        List.of(
            new Problem(FILE, 2, "sites[0].url", message),
            new Problem(FILE, 3, "sites[1].url", message),
            new Problem(FILE, 4, "sites[2].url", message),
            new Problem(FILE, 5, "sites[3].url", message)),
        e.problems());
    assertFalse(e.getMessage().contains("s3cr3t"), e.getMessage());
    assertFalse(e.getMessage().contains("ann"), e.getMessage());
  }

  @Test
  void anAtSignAfterTheHostIsNoCredential() {
    String url = "https://example.com/users/@ann?mail=ann@example.com#@top";

    assertEquals(
        URI.create(url),
        parser.parse("sites:\n  - url: " + url + "\n", FILE).get(0).request().url());
  }

  @Test
  void urlIsAtMost2048Characters() {
    String url = "https://example.com/" + "a".repeat(2030);

    assertProblem(
        "sites:\n  - url: " + url + "\n",
        2,
        "sites[0].url",
        "url is 2050 characters long, at most 2048");
  }

  @Test
  void idMustBeValid() {
    assertProblem(
        """
        sites:
          - url: https://example.com
            id: my site
        """,
        3,
        "sites[0].id",
        "'my site' is not a valid id: use 1 to 200 of the characters A-Z a-z 0-9 . _ -");
  }

  @Test
  void idIsAtMost200Characters() {
    assertProblem(
        "sites:\n  - url: https://example.com\n    id: " + "a".repeat(201) + "\n",
        3,
        "sites[0].id",
        "id is 201 characters long, at most 200");
  }

  @Test
  void duplicateIdsNameBothLines() {
    assertProblem(
        """
        sites:
          - url: https://example.com
            id: example
          - url: https://example.org
            id: example
        """,
        5,
        "sites[1].id",
        "duplicate id 'example', also used by sites[0] at line 3");
  }

  @Test
  void duplicateDerivedIdsAskForAnId() {
    assertProblem(
        """
        sites:
          - url: https://example.com/
          - url: https://example.com
            method: HEAD
        """,
        3,
        "sites[1].id",
        "id 'example.com' derived from the url is also used by sites[0] at line 2: set a distinct"
            + " 'id'");
  }

  @Test
  void idDuplicatingADerivedIdSaysWhereToSetOne() {
    assertProblem(
        """
        sites:
          - url: https://example.com
            name: Example
          - url: https://example.org
            id: example
        """,
        5,
        "sites[1].id",
        "duplicate id 'example', also used by sites[0] at line 2 (derived from its name; set a"
            + " distinct 'id' there)");
  }

  @Test
  void idThatCannotBeDerived() {
    assertProblem(
        """
        sites:
          - url: https://example.com
            name: "!!!"
        """,
        2,
        "sites[0].id",
        "cannot derive an id from the name '!!!': set 'id'");
  }

  @Test
  void durationsNeedUnits() {
    assertProblem(
        """
        sites:
          - url: https://example.com
            interval: 60
        """,
        3,
        "sites[0].interval",
        "'60' has no unit: units are required (ms, s, m, h or d), e.g. 60s");
  }

  @Test
  void intervalIsBetween1sAnd24h() {
    List<Problem> problems =
        problems(
            """
            sites:
              - url: https://a.example
                interval: 500ms
              - url: https://b.example
                interval: 24h1s
            """);

    assertEquals(
        List.of(
            new Problem(
                FILE, 3, "sites[0].interval", "interval 500ms is out of range: use 1s to 24h"),
            new Problem(
                FILE, 5, "sites[1].interval", "interval 24h1s is out of range: use 1s to 24h")),
        problems);
  }

  @Test
  void timeoutMustBePositive() {
    assertProblem(
        """
        sites:
          - url: https://example.com
            timeout: 0s
        """,
        3,
        "sites[0].timeout",
        "timeout must be longer than 0s");
  }

  @Test
  void timeoutMustNotExceedTheInterval() {
    assertProblem(
        """
        sites:
          - url: https://example.com
            interval: 10s
            timeout: 20s
        """,
        4,
        "sites[0].timeout",
        "timeout 20s exceeds the interval 10s");
  }

  @Test
  void timeoutMustNotExceedTheIntervalFromTheDefaults() {
    assertProblem(
        """
        defaults:
          interval: 10s
        sites:
          - url: https://example.com
            timeout: 20s
        """,
        5,
        "sites[0].timeout",
        "timeout 20s exceeds the interval 10s set in defaults (line 2)");
  }

  @Test
  void intervalMustNotBeShorterThanTheTimeoutFromTheDefaults() {
    assertProblem(
        """
        defaults:
          timeout: 10s
        sites:
          - url: https://example.com
          - url: https://example.org
            interval: 5s
        """,
        6,
        "sites[1].interval",
        "interval 5s is shorter than the timeout 10s set in defaults (line 2): set a shorter"
            + " timeout for this site");
  }

  @Test
  void inconsistentDefaultsAreReportedOnce() {
    assertProblem(
        """
        defaults:
          interval: 30s
          timeout: 1m
        sites:
          - url: https://example.com
          - url: https://example.org
        """,
        3,
        "defaults.timeout",
        "timeout 1m exceeds the interval 30s");
  }

  @Test
  void defaultTimeoutMustNotExceedTheBuiltInInterval() {
    assertProblem(
        """
        defaults:
          timeout: 2m
        sites:
          - url: https://example.com
            interval: 5m
        """,
        2,
        "defaults.timeout",
        "timeout 2m exceeds the interval 1m (the built-in default): set a longer"
            + " defaults.interval too");
  }

  @Test
  void methodMustBeKnown() {
    assertProblem(
        """
        sites:
          - url: https://example.com
            method: fetch
        """,
        3,
        "sites[0].method",
        "method 'FETCH' is not supported: use one of GET, HEAD, POST, PUT, PATCH, DELETE,"
            + " OPTIONS");
  }

  @Test
  void statusMustBeAnHttpStatus() {
    assertProblem(
        """
        sites:
          - url: https://example.com
            expect:
              status:
                - 200-299
                - 700
        """,
        6,
        "sites[0].expect.status",
        "700 is not an HTTP status (100-599)");
  }

  @Test
  void everyBadStatusIsReported() {
    List<Problem> problems =
        problems(
            """
            sites:
              - url: https://a.example
                expect: {status: [299-200, abc, 200]}
              - url: https://b.example
                expect: {status: []}
              - url: https://c.example
                expect: {status: {ok: 200}}
            """);

    assertEquals(
        List.of(
            new Problem(
                FILE, 3, "sites[0].expect.status", "range 299-200 is reversed (write 200-299)"),
            new Problem(
                FILE,
                3,
                "sites[0].expect.status",
                "'abc' is not a status code or range (e.g. 200 or 200-299)"),
            new Problem(
                FILE,
                5,
                "sites[1].expect.status",
                "empty list: give at least one status or range, e.g. 200-299"),
            new Problem(
                FILE, 7, "sites[2].expect.status", "expected a single value, found a mapping")),
        problems);
  }

  @Test
  void regexMustCompile() {
    assertProblem(
        """
        sites:
          - url: https://example.com
            expect:
              regex: "(unclosed"
        """,
        4,
        "sites[0].expect.regex",
        "invalid regex '(unclosed': Unclosed group near index 9");
  }

  @Test
  void headerNamesMustBeTokens() {
    assertProblem(
        """
        sites:
          - url: https://example.com
            headers:
              Bad Header: x
        """,
        4,
        "sites[0].headers.Bad Header",
        "'Bad Header' is not a valid header name: use letters, digits and !#$%&'*+-.^_`|~ only");
  }

  @Test
  void headerValuesMustNotSplitTheRequest() {
    assertProblem(
        """
        sites:
          - url: https://example.com
            headers:
              X-Test: "a\\r\\nInjected: yes"
        """,
        4,
        "sites[0].headers.X-Test",
        "value of header 'X-Test' contains a line break (CR or LF)");
  }

  @Test
  void headerNamesIgnoreCase() {
    assertProblem(
        """
        sites:
          - url: https://example.com
            headers:
              Accept: text/html
              accept: text/plain
        """,
        5,
        "sites[0].headers.accept",
        "header 'accept' is given twice (first at line 4; header names ignore case)");
  }

  @Test
  void headerWithoutAValue() {
    assertProblem(
        """
        sites:
          - url: https://example.com
            headers:
              Accept:
        """,
        4,
        "sites[0].headers.Accept",
        "no value given");
  }

  @Test
  void fieldWithoutAValue() {
    assertProblem(
        """
        sites:
          - url: https://example.com
            interval:
        """,
        3,
        "sites[0].interval",
        "no value given");
  }

  @Test
  void valuesOfTheWrongShape() {
    List<Problem> problems =
        problems(
            """
            defaults: 30s
            sites:
              - https://example.com
              - url: [https://example.com]
                headers: [User-Agent]
                expect: 200
            """);

    assertEquals(
        List.of(
            new Problem(
                FILE, 1, "defaults", "expected a mapping of values for every site, found '30s'"),
            new Problem(
                FILE,
                3,
                "sites[0]",
                "expected a site: a mapping with at least a 'url', found 'https://example.com'"),
            new Problem(FILE, 4, "sites[1].url", "expected a single value, found a list"),
            new Problem(
                FILE,
                5,
                "sites[1].headers",
                "expected a mapping of header names to values, found a list"),
            new Problem(
                FILE,
                6,
                "sites[1].expect",
                "expected a mapping with 'status', 'regex', 'maxBodyBytes' and/or"
                    + " 'maxResponseTime', found '200'")),
        problems);
  }

  @Test
  void aNumberOrBooleanWhereTextIsWantedIsJudgedAsItsText() {
    List<Problem> problems =
        problems(
            """
            sites:
              - url: 5
              - url: https://example.com
                method: 7
                expect:
                  status: true
            """);

    assertEquals(
        List.of(
            new Problem(
                FILE,
                2,
                "sites[0].url",
                "'5' is not an absolute URL: start it with https:// or http://"),
            new Problem(
                FILE,
                4,
                "sites[1].method",
                "method '7' is not supported: use one of GET, HEAD, POST, PUT, PATCH, DELETE,"
                    + " OPTIONS"),
            new Problem(
                FILE,
                6,
                "sites[1].expect.status",
                "'true' is not a status code or range (e.g. 200 or 200-299)")),
        problems);
  }

  @Test
  void sitesMustBeAList() {
    assertProblem(
        """
        sites:
          url: https://example.com
        """,
        2,
        "sites",
        "expected a list of sites, found a mapping");
  }

  @Test
  void sitesMustBeGiven() {
    assertProblem(
        """
        # no sites yet
        defaults:
          interval: 30s
        """,
        2,
        "sites",
        "missing: the file must list its sites under 'sites'");
  }

  @Test
  void sitesWithoutAValue() {
    assertProblem("sites:\n", 1, "sites", "expected a list of sites, found nothing");
  }

  @Test
  void localTagsAreRejected() {
    assertProblem(
        """
        sites:
          - url: !foo https://example.com
        """,
        2,
        "sites[0].url",
        "tag '!foo' is not allowed: the sites file is plain YAML, without type tags");
  }

  @Test
  void nonStandardYamlTagsAreRejected() {
    assertProblem(
        """
        sites:
          - url: https://example.com
            name: !!binary aGVsbG8=
        """,
        3,
        "sites[0].name",
        "tag '!!binary' is not allowed: the sites file is plain YAML, without type tags");
  }

  @Test
  void objectTagsAreRejectedWhileComposing() {
    List<Problem> problems =
        problems(
            """
            sites:
              - url: https://example.com
                name: !!javax.script.ScriptEngineManager [!!java.net.URLClassLoader [[]]]
            """);

    assertEquals(
        List.of(
            new Problem(
                FILE,
                3,
                "",
                "tag '!!javax.script.ScriptEngineManager' is not allowed: the sites file is plain"
                    + " YAML, without type tags")),
        problems);
  }

  @Test
  void notYaml() {
    assertProblem(
        """
        sites:
          - url: https://example.com
            name: [unclosed
        """,
        4,
        "",
        "not valid YAML: expected ',' or ']', but got <stream end> (while parsing a flow sequence"
            + " at line 3)");
  }

  @Test
  void rootMustBeAMapping() {
    assertProblem(
        """
        - url: https://example.com
        """,
        1,
        "",
        "expected a mapping with a 'sites' list, found a list");
  }

  @Test
  void emptyFile() {
    for (String empty : List.of("", "# nothing here\n", "---\n", "~\n")) {
      InvalidSitesFileException e =
          assertThrows(InvalidSitesFileException.class, () -> parser.parse(empty, FILE));
      assertEquals(FILE + ": file is empty: expected a 'sites' list", e.getMessage(), empty);
    }
  }

  @Test
  void collectsEveryProblemInLineOrder() {
    InvalidSitesFileException e =
        assertThrows(
            InvalidSitesFileException.class,
            () ->
                parser.parse(
                    """
                    defaults:
                      interval: 90
                    sites:
                      - url: https://example.com
                        id: example
                        intervall: 30s
                      - url: https://example.org
                        id: example
                        expect:
                          status: [200, 700]
                          regex: "["
                      - name: nothing else
                    """,
                    FILE));

    assertEquals(6, e.problems().size(), e.getMessage());
    assertEquals(
        String.join(
            "\n",
            FILE + ": 6 problems",
            FILE
                + ":2: defaults.interval: '90' has no unit: units are required (ms, s, m, h or d),"
                + " e.g. 90s",
            FILE
                + ":6: sites[0].intervall: unknown field 'intervall' (known: url, id, name,"
                + " interval, timeout, method, headers,"
                + " body, expect, followRedirects, maxRedirects, allowInsecureRedirects, tls, retries, labels, alerts)",
            FILE + ":8: sites[1].id: duplicate id 'example', also used by sites[0] at line 5",
            FILE + ":10: sites[1].expect.status: 700 is not an HTTP status (100-599)",
            FILE
                + ":11: sites[1].expect.regex: invalid regex '[': Unclosed character class near"
                + " index 0",
            FILE + ":12: sites[2].url: missing: every site needs a url"),
        e.getMessage());
  }
}
