package org.sitewatch.checker.site;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.sitewatch.common.catalog.AlertPolicy;

class SiteTest {

  private static final URI URL = URI.create("https://example.com/");

  private static Site site(Optional<Pattern> regex) {
    return site("example", Duration.ofSeconds(30), Duration.ofSeconds(5), Map.of(), regex);
  }

  private static Site site(
      String id,
      Duration interval,
      Duration timeout,
      Map<String, String> headers,
      Optional<Pattern> regex) {
    return site(id, URL, "GET", interval, timeout, headers, regex);
  }

  private static Site site(
      String id,
      URI url,
      String method,
      Duration interval,
      Duration timeout,
      Map<String, String> headers,
      Optional<Pattern> regex) {
    return new Site(
        id,
        "Example",
        new Request(method, url, headers, Optional.empty()),
        new Schedule(interval, timeout),
        Expectation.of(StatusRanges.DEFAULT, regex.map(BodyPattern::of)),
        RedirectPolicy.DEFAULT,
        0,
        Map.of(),
        AlertPolicy.DEFAULT,
        List.of());
  }

  @Test
  void sitesWithTheSameRegexSourceAndFlagsAreEqual() {
    Site a = site(Optional.of(Pattern.compile("Example\\s+Domain")));
    Site b = site(Optional.of(Pattern.compile("Example\\s+Domain")));

    assertEquals(a, b, "separately compiled, identical patterns");
    assertEquals(a.hashCode(), b.hashCode());
  }

  @Test
  void sitesWithDifferentRegexesOrFlagsDiffer() {
    Site plain = site(Optional.of(Pattern.compile("Example")));

    assertNotEquals(plain, site(Optional.of(Pattern.compile("Example Domain"))));
    assertNotEquals(plain, site(Optional.of(Pattern.compile("Example", Pattern.CASE_INSENSITIVE))));
    assertNotEquals(plain, site(Optional.empty()));
  }

  @Test
  void reloadedSitesCompareBySet() {
    List<Site> running = List.of(site(Optional.of(Pattern.compile("a"))));
    List<Site> reloaded = List.of(site(Optional.of(Pattern.compile("a"))));

    assertTrue(reloaded.containsAll(running), "an unchanged site is found in the reloaded ones");
  }

  @Test
  void headersKeepTheirOrderAndCannotBeChanged() {
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("X-Zebra", "1");
    headers.put("Accept", "text/html");
    headers.put("User-Agent", "sitewatch");
    Site site =
        site("example", Duration.ofSeconds(30), Duration.ofSeconds(5), headers, Optional.empty());
    headers.put("X-Later", "added after construction");

    assertEquals(
        List.of("X-Zebra", "Accept", "User-Agent"), List.copyOf(site.request().headers().keySet()));
    assertThrows(UnsupportedOperationException.class, () -> site.request().headers().put("X", "y"));
  }

  @Test
  void methodIsUpperCased() {
    Site site =
        site(
            "example",
            URL,
            "head",
            Duration.ofSeconds(30),
            Duration.ofSeconds(5),
            Map.of(),
            Optional.empty());

    assertEquals("HEAD", site.request().method());
  }

  @Test
  void toStringLeavesOutHeaderValues() {
    Site site =
        site(
            "example",
            Duration.ofSeconds(30),
            Duration.ofSeconds(5),
            Map.of("Authorization", "Bearer secret-token"),
            Optional.of(Pattern.compile("ok")));

    assertFalse(site.toString().contains("secret-token"), site.toString());
    assertEquals(
        "Site[id=example, name=Example, request=Request[method=GET, url=https://example.com/,"
            + " headers=[Authorization], body=none], schedule=Schedule[interval=PT30S,"
            + " timeout=PT5S], expect=Expectation[status=200-399, regex=Optional[/ok/],"
            + " maxBodyBytes=1048576, maxResponseTime=Optional.empty,"
            + " tlsMinDaysLeft=Optional.empty], redirects=RedirectPolicy[follow=true, max=5,"
            + " allowInsecure=false], retries=0, labels={}, alerts=AlertPolicy[channels=[], failureThreshold=3,"
            + " successThreshold=2, sendResolved=true, remindEvery=Optional.empty, minLocations=1], maintenance=[]]",
        site.toString());
  }

  @Test
  void ofUrlDerivesTheIdAndUsesTheDefaults() {
    Site site = Site.of(URI.create("https://www.Example.com/status"));

    assertEquals("www.example.com-status", site.id());
    assertEquals("www.example.com-status", site.name());
    assertEquals(Schedule.DEFAULT_INTERVAL, site.schedule().interval());
    assertEquals(Schedule.DEFAULT_TIMEOUT, site.schedule().timeout());
    assertEquals("GET", site.request().method());
    assertEquals(StatusRanges.DEFAULT, site.expect().status());
    assertEquals(Optional.empty(), site.expect().regex());
  }

  @Test
  void rejectsInvalidValues() {
    Duration s30 = Duration.ofSeconds(30);
    Duration s5 = Duration.ofSeconds(5);
    Optional<Pattern> none = Optional.empty();

    assertRejected(
        "'my site' is not a valid id: use 1 to 200 of the characters A-Z a-z 0-9 . _ -",
        () -> site("my site", s30, s5, Map.of(), none));
    assertRejected(
        "timeout 1m exceeds the interval 30s",
        () -> site("example", s30, Duration.ofMinutes(1), Map.of(), none));
    assertRejected(
        "timeout must be longer than 0s",
        () -> site("example", s30, Duration.ZERO, Map.of(), none));
    assertRejected(
        "interval 25h is out of range: use 1s to 24h",
        () -> site("example", Duration.ofHours(25), s5, Map.of(), none));
    assertRejected(
        "value of header 'X-Test' contains a line break (CR or LF)",
        () -> site("example", s30, s5, Map.of("X-Test", "a\r\nInjected: yes"), none));
    assertRejected(
        "'Bad Header' is not a valid header name: use letters, digits and !#$%&'*+-.^_`|~ only",
        () -> site("example", s30, s5, Map.of("Bad Header", "x"), none));
    assertRejected(
        "scheme 'ftp' is not supported in 'ftp://example.com/': use http or https",
        () -> site("example", URI.create("ftp://example.com/"), "GET", s30, s5, Map.of(), none));
    assertRejected(
        "method 'FETCH' is not supported: use one of GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS",
        () -> site("example", URL, "fetch", s30, s5, Map.of(), none));
  }

  @Test
  void rejectsHeadersDifferingOnlyInCase() {
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("Accept", "a");
    headers.put("accept", "b");

    assertRejected(
        "header 'accept' is given twice",
        () ->
            site(
                "example",
                Duration.ofSeconds(30),
                Duration.ofSeconds(5),
                headers,
                Optional.empty()));
  }

  @Test
  void rejectsCredentialsInTheUrl() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> Site.of(URI.create("https://ann:s3cr3t@example.com/")),
            "a url with user:password@");
    assertTrue(e.getMessage().startsWith("url must not hold credentials"), e.getMessage());
    assertFalse(e.getMessage().contains("s3cr3t"), e.getMessage());
  }

  private static void assertRejected(String message, Runnable construction) {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, construction::run, message);
    assertEquals(message, e.getMessage());
  }
}
