package org.sitewatch.checker.site;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.sitewatch.checker.site.InvalidSitesFileException.Problem;

/** The checks added to the sites file: request body, header secrets, limits, retries, labels. */
class SitesFileParserChecksTest {

  private static final String FILE = "sites.yaml";
  private static final String SECRET = "s3cr3t-value-never-shown";

  private final SitesFileParser parser = parserAllowing(Set.of());

  private static SitesFileParser parserAllowing(Set<String> allowedServerVariables) {
    return new SitesFileParser(
        name ->
            switch (name) {
              case "API_TOKEN", "SITEWATCH_DB_PASSWORD", "pgpassword" -> SECRET;
              case "BROKEN_TOKEN" -> SECRET + "\r\nX-Injected: 1";
              default -> null;
            },
        allowedServerVariables);
  }

  private Site parseOne(String yaml) {
    List<Site> sites = parser.parse(yaml, FILE);
    assertEquals(1, sites.size(), "expected exactly one site in " + yaml);
    return sites.get(0);
  }

  private InvalidSitesFileException rejection(String yaml) {
    return assertThrows(InvalidSitesFileException.class, () -> parser.parse(yaml, FILE), yaml);
  }

  private List<Problem> problems(String yaml) {
    return rejection(yaml).problems();
  }

  private void assertProblem(String yaml, int line, String field, String message) {
    assertEquals(List.of(new Problem(FILE, line, field, message)), problems(yaml), yaml);
  }

  @Test
  void readsEveryNewField() {
    Site site =
        parseOne(
            """
            sites:
              - url: https://example.com/api
                interval: 30s
                timeout: 5s
                method: PUT
                body: '{"ping": true}'
                followRedirects: false
                maxRedirects: 2
                allowInsecureRedirects: true
                tls:
                  minDaysLeft: 14
                retries: 2
                labels:
                  team: payments
                  env/tier: prod
                expect:
                  maxBodyBytes: 4096
                  maxResponseTime: 1500ms
            """);

    assertEquals(Optional.of("{\"ping\": true}"), site.request().body());
    assertEquals(false, site.redirects().follow());
    assertEquals(2, site.redirects().max());
    assertTrue(site.redirects().allowInsecure());
    assertEquals(Optional.of(14), site.expect().tlsMinDaysLeft());
    assertEquals(2, site.retries());
    assertEquals(3, site.maxAttempts());
    assertEquals(Map.of("team", "payments", "env/tier", "prod"), site.labels());
    assertEquals(4096, site.expect().maxBodyBytes());
    assertEquals(Optional.of(Duration.ofMillis(1500)), site.expect().maxResponseTime());
  }

  @Test
  void newFieldsHaveDefaults() {
    Site site = parseOne("sites:\n  - url: https://example.com\n");

    assertEquals(Optional.empty(), site.request().body());
    assertTrue(site.redirects().follow());
    assertEquals(RedirectPolicy.DEFAULT_MAX, site.redirects().max());
    assertFalse(site.redirects().allowInsecure(), "no redirect from HTTPS to HTTP unless opted in");
    assertEquals(Optional.empty(), site.expect().tlsMinDaysLeft());
    assertEquals(0, site.retries());
    assertEquals(Map.of(), site.labels());
    assertEquals(1024 * 1024, site.expect().maxBodyBytes());
    assertEquals(Optional.empty(), site.expect().maxResponseTime());
  }

  @Test
  void defaultsApplyAndSiteLabelsAddToThem() {
    Site site =
        parseOne(
            """
            defaults:
              retries: 1
              followRedirects: false
              tls:
                minDaysLeft: 10
              labels:
                env: prod
                team: web
              expect:
                maxResponseTime: 2s
            sites:
              - url: https://example.com
                labels:
                  team: payments
            """);

    assertEquals(1, site.retries());
    assertFalse(site.redirects().follow());
    assertEquals(Optional.of(10), site.expect().tlsMinDaysLeft());
    assertEquals(Optional.of(Duration.ofSeconds(2)), site.expect().maxResponseTime());
    assertEquals(Map.of("env", "prod", "team", "payments"), site.labels());
  }

  @Test
  void headerValuesTakeEnvironmentVariables() {
    Site site =
        parseOne(
            """
            sites:
              - url: https://example.com
                headers:
                  Authorization: Bearer ${API_TOKEN}
                  X-Literal: cost $5, $${API_TOKEN}
            """);

    assertEquals("Bearer " + SECRET, site.request().headers().get("Authorization"));
    assertEquals("cost $5, ${API_TOKEN}", site.request().headers().get("X-Literal"));
    assertFalse(site.toString().contains(SECRET), site.toString());
  }

  @Test
  void aMissingEnvironmentVariableIsNamed() {
    assertProblem(
        """
        sites:
          - url: https://example.com
            headers:
              Authorization: Bearer ${NO_SUCH_TOKEN}
        """,
        4,
        "sites[0].headers.Authorization",
        "environment variable NO_SUCH_TOKEN is not set: set it for the checker, or write"
            + " $${NO_SUCH_TOKEN} for the text itself");
  }

  @Test
  void theServersOwnVariablesAreRefusedEvenWhenSet() {
    InvalidSitesFileException e =
        rejection(
            """
            sites:
              - url: https://example.com
                headers:
                  Authorization: Bearer ${SITEWATCH_DB_PASSWORD}
                  X-Db: ${pgpassword}
            """);

    assertEquals(
        List.of(
            new Problem(
                FILE, 4, "sites[0].headers.Authorization", reserved("SITEWATCH_DB_PASSWORD")),
            new Problem(FILE, 5, "sites[0].headers.X-Db", reserved("pgpassword"))),
        e.problems());
    assertFalse(e.getMessage().contains(SECRET), e.getMessage());
  }

  @Test
  void anAllowedServerVariableIsReadByItsExactName() {
    String yaml =
        """
        sites:
          - url: https://example.com
            headers:
              Authorization: Bearer ${SITEWATCH_DB_PASSWORD}
        """;

    Site site = parserAllowing(Set.of("SITEWATCH_DB_PASSWORD")).parse(yaml, FILE).get(0);
    assertEquals("Bearer " + SECRET, site.request().headers().get("Authorization"));
    InvalidSitesFileException e =
        assertThrows(
            InvalidSitesFileException.class,
            () -> parserAllowing(Set.of("sitewatch_db_password")).parse(yaml, FILE),
            "the allow-list is matched in exact case");
    assertEquals(
        List.of(
            new Problem(
                FILE, 4, "sites[0].headers.Authorization", reserved("SITEWATCH_DB_PASSWORD"))),
        e.problems());
  }

  private static String reserved(String name) {
    return "environment variable "
        + name
        + " may hold the server's own settings or secrets (names starting with SITEWATCH_, MP_,"
        + " WLP_, JAVA_, JVM_, OPENJ9_, PG, POSTGRES_ or KAFKA_, or keystore_password): give the"
        + " site a variable of its own, or allow this one in SITEWATCH_SITES_HEADER_ENV_ALLOW";
  }

  @Test
  void aBrokenReferenceIsReported() {
    List<Problem> problems =
        problems(
            """
            sites:
              - url: https://example.com
                headers:
                  A: ${API_TOKEN
                  B: ${1BAD}
            """);

    assertEquals(
        List.of(
            new Problem(
                FILE,
                4,
                "sites[0].headers.A",
                "'${' is not closed: write ${NAME}, or $${ for the text ${"),
            new Problem(
                FILE,
                5,
                "sites[0].headers.B",
                "'${1BAD}' does not name an environment variable: use letters, digits and _, not"
                    + " starting with a digit")),
        problems);
  }

  @Test
  void aSubstitutedValueIsCheckedButNeverShown() {
    InvalidSitesFileException e =
        rejection(
            """
            sites:
              - url: https://example.com
                headers:
                  Authorization: ${BROKEN_TOKEN}
            """);

    assertEquals(
        List.of(
            new Problem(
                FILE,
                4,
                "sites[0].headers.Authorization",
                "value of header 'Authorization' contains a line break (CR or LF)")),
        e.problems());
    assertFalse(e.getMessage().contains(SECRET), e.getMessage());
  }

  @Test
  void aBodyNeedsAMethodThatSendsOne() {
    assertProblem(
        """
        sites:
          - url: https://example.com
            body: hello
        """,
        3,
        "sites[0].body",
        "method GET sends no body: use POST, PUT, PATCH, or remove 'body'");
  }

  @Test
  void aBodyIsAtMost64KiB() {
    assertProblem(
        "sites:\n  - url: https://example.com\n    method: POST\n    body: "
            + "x".repeat(Request.MAX_BODY_LENGTH + 1)
            + "\n",
        4,
        "sites[0].body",
        "body is 65537 characters long, at most 65536");
  }

  @Test
  void limitsMustBeWholeNumbersInRange() {
    List<Problem> problems =
        problems(
            """
            sites:
              - url: https://example.com
                maxRedirects: 21
                retries: -1
                tls:
                  minDaysLeft: 0
                expect:
                  maxBodyBytes: 1MiB
              - url: https://example.org
                maxRedirects: many
                expect:
                  maxBodyBytes: 0
            """);

    assertEquals(
        List.of(
            new Problem(
                FILE, 3, "sites[0].maxRedirects", "maxRedirects 21 is out of range: use 0 to 20"),
            new Problem(FILE, 4, "sites[0].retries", "retries -1 is out of range: use 0 to 9"),
            new Problem(
                FILE,
                6,
                "sites[0].tls.minDaysLeft",
                "minDaysLeft 0 is out of range: use 1 to 3650"),
            new Problem(
                FILE, 8, "sites[0].expect.maxBodyBytes", "expected a whole number, found '1MiB'"),
            new Problem(FILE, 10, "sites[1].maxRedirects", "expected a whole number, found 'many'"),
            new Problem(
                FILE,
                12,
                "sites[1].expect.maxBodyBytes",
                "maxBodyBytes 0 is out of range: use 1 to 67108864")),
        problems);
  }

  @Test
  void followRedirectsIsTrueOrFalse() {
    assertProblem(
        """
        sites:
          - url: https://example.com
            followRedirects: yes
        """,
        3,
        "sites[0].followRedirects",
        "expected true or false, found 'yes'");
  }

  @Test
  void allowInsecureRedirectsIsTrueOrFalse() {
    assertProblem(
        """
        sites:
          - url: https://example.com
            allowInsecureRedirects: 1
        """,
        3,
        "sites[0].allowInsecureRedirects",
        "expected true or false, found '1'");
  }

  @Test
  void maxResponseTimeMustBeShorterThanTheTimeout() {
    assertProblem(
        """
        sites:
          - url: https://example.com
            timeout: 2s
            expect:
              maxResponseTime: 2s
        """,
        5,
        "sites[0].expect.maxResponseTime",
        "maxResponseTime 2s is not shorter than the timeout 2s: a slower probe times out first");
  }

  @Test
  void everyRetryMustFitInTheInterval() {
    assertProblem(
        """
        sites:
          - url: https://example.com
            interval: 30s
            timeout: 10s
            retries: 3
        """,
        5,
        "sites[0].retries",
        "retries 3 with a timeout of 10s may take 40s, longer than the interval 30s: use fewer"
            + " retries, a shorter timeout or a longer interval");
  }

  @Test
  void retriesFromTheDefaultsThatDoNotFitAreReportedThere() {
    assertProblem(
        """
        defaults:
          retries: 2
        sites:
          - url: https://example.com
            interval: 10s
            timeout: 5s
        """,
        2,
        "defaults.retries",
        "retries 2 with a timeout of 5s may take 15s, longer than the interval 10s: use fewer"
            + " retries, a shorter timeout or a longer interval (for sites[0], which takes it"
            + " from the defaults)");
  }

  @Test
  void tlsHasOnlyMinDaysLeft() {
    assertProblem(
        """
        sites:
          - url: https://example.com
            tls:
              minDays: 5
        """,
        4,
        "sites[0].tls.minDays",
        "unknown field 'minDays' (known: minDaysLeft)");
  }

  @Test
  void labelsAreCheckedEachAndInNumber() {
    List<Problem> problems =
        problems(
            """
            sites:
              - url: https://example.com
                labels:
                  "bad key": x
                  team: web
                  team: ops
                  long: %s
              - url: https://example.org
                labels: [a, b]
            """
                .formatted("v".repeat(257)));

    assertEquals(
        List.of(
            new Problem(
                FILE,
                4,
                "sites[0].labels.bad key",
                "label key 'bad key' is not valid: use 1 to 64 of the characters A-Z a-z 0-9 . _"
                    + " / -"),
            new Problem(
                FILE, 6, "sites[0].labels.team", "label 'team' is given twice (first at line 5)"),
            new Problem(
                FILE,
                7,
                "sites[0].labels.long",
                "value of label 'long' is 257 characters long, at most 256"),
            new Problem(
                FILE,
                9,
                "sites[1].labels",
                "expected a mapping of label names to values, found a list")),
        problems);
  }

  @Test
  void atMostTwentyLabels() {
    StringBuilder yaml = new StringBuilder("sites:\n  - url: https://example.com\n    labels:\n");
    for (int i = 0; i < 21; i++) {
      yaml.append("      l").append(i).append(": v\n");
    }

    assertProblem(yaml.toString(), 4, "sites[0].labels", "21 labels, at most 20");
  }
}
