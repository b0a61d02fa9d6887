package org.sitewatch.checker.site;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URI;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SiteIdsTest {

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "Example Domain | example-domain",
        "'  --Foo  Bar--  ' | foo-bar",
        "api.v2_status | api.v2_status",
        "Café Ünïcode | caf-n-code",
        "Wiki (EN) / Main | wiki-en-main",
      })
  void fromName(String name, String id) {
    assertEquals(id, SiteIds.fromName(name));
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "https://example.com | example.com",
        "https://example.com/ | example.com",
        "https://Example.COM/Status/Page.html?x=1#top | example.com-status-page.html",
        "http://localhost:8080/health | localhost-health",
        "https://example.com/a%20b | example.com-a-b",
      })
  void fromUrlHostAndPath(String url, String id) {
    assertEquals(id, SiteIds.fromUrl(URI.create(url)));
  }

  @Test
  void keepsAtMost200CharactersWithoutATrailingDash() {
    String name = "a".repeat(199) + " b" + "c".repeat(100);

    assertEquals("a".repeat(199), SiteIds.fromName(name));
    assertEquals(200, SiteIds.fromName("x".repeat(300)).length());
  }

  @Test
  void nothingLeftGivesAnEmptyId() {
    assertEquals("", SiteIds.fromName("!!! ???"));
  }
}
