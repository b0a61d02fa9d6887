package org.sitewatch.checker.probe;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URI;
import java.net.URISyntaxException;
import org.junit.jupiter.api.Test;

class LocationsTest {

  private static final URI BASE = URI.create("https://example.com/a/b?q=1");

  private static String resolve(String location) throws URISyntaxException {
    return Locations.resolve(BASE, location).toString();
  }

  @Test
  void relativeAndAbsoluteLocationsResolveAsUsual() throws URISyntaxException {
    assertEquals("https://example.com/a/c", resolve("c"));
    assertEquals("https://example.com/c", resolve("/c"));
    assertEquals("https://other.example/x", resolve("https://other.example/x"));
    assertEquals("https://other.example/x", resolve("//other.example/x"));
  }

  @Test
  void aRelativeLocationFromAUrlWithoutPathStartsAtTheRoot() throws URISyntaxException {
    assertEquals(
        "https://example.com/login",
        Locations.resolve(URI.create("https://example.com"), "login").toString());
  }

  @Test
  void charactersBrowsersTolerateArePercentEncoded() throws URISyntaxException {
    assertEquals("https://example.com/new%20page?x=a%7Cb", resolve("/new page?x=a|b"));
    assertEquals("https://example.com/caf%C3%A9", resolve("/café"));
    assertEquals("https://example.com/100%25", resolve("/100%"));
    assertEquals("https://example.com/%5B1%5D#top%23", resolve("/[1]#top#"));
  }

  @Test
  void escapesAndAnIpv6HostAreKeptAsTheyAre() throws URISyntaxException {
    assertEquals("https://example.com/a%20b", resolve("/a%20b"));
    assertEquals("http://[::1]:8080/x%20y", resolve("http://[::1]:8080/x y"));
  }

  @Test
  void surroundingWhitespaceIsIgnored() throws URISyntaxException {
    assertEquals("https://example.com/c", resolve("  /c \t"));
  }
}
