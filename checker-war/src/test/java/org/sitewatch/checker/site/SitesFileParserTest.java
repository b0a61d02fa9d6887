package org.sitewatch.checker.site;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sitewatch.common.catalog.AlertPolicy;

/** Valid sites files: every field, the defaults and derived ids. */
class SitesFileParserTest {

  private final SitesFileParser parser = new SitesFileParser();

  private List<Site> parse(String yaml) {
    return parser.parse(yaml, "sites.yaml");
  }

  private Site parseOne(String yaml) {
    List<Site> sites = parse(yaml);
    assertEquals(1, sites.size(), "expected exactly one site in " + yaml);
    return sites.get(0);
  }

  @Test
  void readsEveryField() {
    Site site =
        parseOne(
            """
            sites:
              - url: https://example.com/status?full=1
                id: Example_1
                name: Example Domain
                interval: 1m30s
                timeout: 2500ms
                method: post
                headers:
                  User-Agent: sitewatch
                  Accept: text/html
                  X-Count: 5
                expect:
                  status: [200-299, 301, "304"]
                  regex: 'Example\\s+Domain'
            """);

    assertEquals("Example_1", site.id());
    assertEquals("Example Domain", site.name());
    assertEquals(URI.create("https://example.com/status?full=1"), site.request().url());
    assertEquals(Duration.ofSeconds(90), site.schedule().interval());
    assertEquals(Duration.ofMillis(2500), site.schedule().timeout());
    assertEquals("POST", site.request().method());
    assertEquals(
        List.of(
            Map.entry("User-Agent", "sitewatch"),
            Map.entry("Accept", "text/html"),
            Map.entry("X-Count", "5")),
        List.copyOf(site.request().headers().entrySet()),
        "headers in file order, values as text");
    assertEquals("200-299,301,304", site.expect().status().toString());
    assertEquals("Example\\s+Domain", site.expect().regex().orElseThrow().regex());
    assertTrue(
        site.expect().regex().orElseThrow().compiled().matcher("<h1>Example   Domain</h1>").find());
  }

  @Test
  void appliesBuiltInDefaults() {
    Site site = parseOne("sites:\n  - url: https://example.com\n");

    assertEquals(
        new Site(
            "example.com",
            "example.com",
            new Request("GET", URI.create("https://example.com"), Map.of(), Optional.empty()),
            new Schedule(Duration.ofSeconds(60), Duration.ofSeconds(10)),
            new Expectation(
                StatusRanges.parse("200-399"),
                Optional.empty(),
                1024 * 1024,
                Optional.empty(),
                Optional.empty()),
            new RedirectPolicy(true, 5, false),
            0,
            Map.of(),
            AlertPolicy.DEFAULT,
            List.of()),
        site);
  }

  @Test
  void builtInTimeoutIsCutToAShorterInterval() {
    Site site = parseOne("sites:\n  - url: https://example.com\n    interval: 5s\n");

    assertEquals(Duration.ofSeconds(5), site.schedule().timeout());
  }

  @Test
  void appliesFileDefaultsUnlessTheSiteSetsItsOwn() {
    List<Site> sites =
        parse(
            """
            defaults:
              interval: 2m
              timeout: 20s
              method: HEAD
              headers:
                User-Agent: sitewatch
                Accept: "*/*"
              expect:
                status: 200
                regex: ok
            sites:
              - url: https://a.example
              - url: https://b.example
                interval: 5m
                timeout: 1m
                method: GET
                headers:
                  user-agent: custom
                expect:
                  status: 204
            """);

    assertEquals(2, sites.size());
    Site a = sites.get(0);
    assertEquals(Duration.ofMinutes(2), a.schedule().interval());
    assertEquals(Duration.ofSeconds(20), a.schedule().timeout());
    assertEquals("HEAD", a.request().method());
    assertEquals(
        List.of(Map.entry("User-Agent", "sitewatch"), Map.entry("Accept", "*/*")),
        List.copyOf(a.request().headers().entrySet()));
    assertEquals("200", a.expect().status().toString());
    assertEquals("ok", a.expect().regex().orElseThrow().regex());

    Site b = sites.get(1);
    assertEquals(Duration.ofMinutes(5), b.schedule().interval());
    assertEquals(Duration.ofMinutes(1), b.schedule().timeout());
    assertEquals("GET", b.request().method());
    assertEquals(
        List.of(Map.entry("Accept", "*/*"), Map.entry("user-agent", "custom")),
        List.copyOf(b.request().headers().entrySet()),
        "the site's user-agent replaces the default User-Agent");
    assertEquals("204", b.expect().status().toString());
    assertEquals("ok", b.expect().regex().orElseThrow().regex(), "regex from the defaults");
  }

  @Test
  void acceptsEmptyDefaultsHeadersAndExpect() {
    Site site =
        parseOne(
            """
            defaults:
            sites:
              - url: https://example.com
                headers:
                expect:
            """);

    assertEquals(Map.of(), site.request().headers());
    assertEquals(StatusRanges.DEFAULT, site.expect().status());
  }

  @Test
  void acceptsAnEmptySiteList() {
    assertEquals(List.of(), parse("sites: []\n"));
  }

  @Test
  void readsStatusAsOneNumberOneRangeOrAList() {
    List<Site> sites =
        parse(
            """
            sites:
              - {url: https://a.example, expect: {status: 204}}
              - {url: https://b.example, expect: {status: "200-299"}}
              - {url: https://c.example, expect: {status: 200-299}}
              - {url: https://d.example, expect: {status: [301, 200-299, "304"]}}
              - {url: https://e.example, expect: {status: "200-299, 301"}}
            """);

    assertEquals(5, sites.size());
    assertEquals("204", sites.get(0).expect().status().toString());
    assertEquals("200-299", sites.get(1).expect().status().toString());
    assertEquals("200-299", sites.get(2).expect().status().toString());
    assertEquals("200-299,301,304", sites.get(3).expect().status().toString());
    assertEquals("200-299,301", sites.get(4).expect().status().toString(), "a list in one text");
  }

  @Test
  void derivesTheIdFromTheNameElseFromTheUrl() {
    List<Site> sites =
        parse(
            """
            sites:
              - url: https://example.com
                name: "  Example Domain (main)! "
              - url: https://Example.COM/Status/Page.html?x=1
              - url: https://www.wikipedia.org/
            """);

    assertEquals(3, sites.size());
    assertEquals("example-domain-main", sites.get(0).id());
    assertEquals("  Example Domain (main)! ", sites.get(0).name(), "the name is kept as written");
    assertEquals("example.com-status-page.html", sites.get(1).id());
    assertEquals("www.wikipedia.org", sites.get(2).id());
    assertEquals("www.wikipedia.org", sites.get(2).name(), "the name defaults to the id");
  }

  @Test
  void sharesValuesThroughAnchorsAndMergeKeys() {
    List<Site> sites =
        parse(
            """
            sites:
              - &base
                url: https://a.example
                interval: 30s
                headers: &headers
                  User-Agent: sitewatch
              - <<: *base
                url: https://b.example
              - url: https://c.example
                headers: *headers
            """);

    assertEquals(3, sites.size());
    assertEquals("b.example", sites.get(1).id());
    assertEquals(Duration.ofSeconds(30), sites.get(1).schedule().interval());
    assertEquals(Map.of("User-Agent", "sitewatch"), sites.get(1).request().headers());
    assertEquals(Map.of("User-Agent", "sitewatch"), sites.get(2).request().headers());
  }

  @Test
  void scalarsOfAnyPlainTypeAreReadAsWritten() {
    Site site =
        parseOne(
            """
            sites:
              - url: https://example.com
                name: 2024-01-01
                headers:
                  X-Flag: true
                  X-Octal: 010
                expect:
                  regex: 1.5
            """);

    assertEquals("2024-01-01", site.name());
    assertEquals(Map.of("X-Flag", "true", "X-Octal", "010"), site.request().headers());
    assertEquals("1.5", site.expect().regex().orElseThrow().regex());
  }

  @Test
  void parsingTheSameFileTwiceGivesEqualSites() {
    String yaml =
        """
        sites:
          - url: https://example.com
            headers: {Accept: text/html}
            expect: {status: [200-299], regex: "Example Domain"}
        """;

    assertEquals(parse(yaml), parse(yaml));
    assertNotEquals(parse(yaml), parse(yaml.replace("Example Domain", "Example")));
  }

  @Test
  void readsAFileAsUtf8IgnoringAByteOrderMark(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("sites.yaml");
    Files.write(
        file,
        ("\uFEFFsites:\n  - url: https://example.com\n    name: Café\n")
            .getBytes(StandardCharsets.UTF_8));

    List<Site> sites = parser.parse(file);

    assertEquals(1, sites.size());
    assertEquals("Café", sites.get(0).name());
    assertEquals("caf", sites.get(0).id());
  }
}
