package org.sitewatch.checker.probe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.sitewatch.checker.probe.RedirectRules.Hop;
import org.sitewatch.checker.site.Expectation;
import org.sitewatch.checker.site.RedirectPolicy;
import org.sitewatch.checker.site.Request;
import org.sitewatch.checker.site.Schedule;
import org.sitewatch.checker.site.Site;
import org.sitewatch.common.Outcome;
import org.sitewatch.common.Reason;
import org.sitewatch.common.catalog.AlertPolicy;

class RedirectRulesTest {

  private static Site site(String url, String method, String body, boolean allowInsecure) {
    return new Site(
        "s",
        "s",
        new Request(
            method,
            URI.create(url),
            Map.of("Authorization", "Bearer secret"),
            Optional.ofNullable(body)),
        Schedule.DEFAULT,
        Expectation.DEFAULT,
        new RedirectPolicy(true, RedirectPolicy.DEFAULT_MAX, allowInsecure),
        0,
        Map.of(),
        AlertPolicy.DEFAULT,
        List.of());
  }

  private static final Site POST = site("https://example.com/form", "POST", "a=1", false);
  private static final Site PUT = site("https://example.com/thing", "PUT", "{}", false);
  private static final Site HEAD = site("https://example.com/", "HEAD", null, false);

  private static Hop after(Site site, int status, String to) {
    return RedirectRules.next(site, RedirectRules.first(site), status, URI.create(to));
  }

  /** Asserts the method of the request that follows a redirect, and whether it has a body. */
  private static void assertFollowedWith(Site site, int status, String method, boolean withBody) {
    Hop next = after(site, status, "https://example.com/next");
    String hop = site.request().method() + " after " + status;
    assertEquals(method, next.method(), hop);
    assertEquals(withBody, next.withBody(), hop + (withBody ? " keeps" : " drops") + " its body");
  }

  @Test
  void aSeeOtherIsAGetWithoutBody() {
    assertFollowedWith(POST, 303, "GET", false);
    assertFollowedWith(PUT, 303, "GET", false);
  }

  @Test
  void aSeeOtherKeepsHead() {
    assertFollowedWith(HEAD, 303, "HEAD", false);
  }

  @Test
  void movedOrFoundAfterAPostIsAGetWithoutBody() {
    assertFollowedWith(POST, 301, "GET", false);
    assertFollowedWith(POST, 302, "GET", false);
  }

  @Test
  void movedOrFoundKeepsAnyOtherMethodAndBody() {
    assertFollowedWith(PUT, 301, "PUT", true);
    assertFollowedWith(PUT, 302, "PUT", true);
  }

  @Test
  void temporaryAndPermanentRedirectsKeepMethodAndBody() {
    assertFollowedWith(POST, 307, "POST", true);
    assertFollowedWith(POST, 308, "POST", true);
    assertFollowedWith(PUT, 308, "PUT", true);
  }

  @Test
  void siteHeadersGoToTheSitesOriginOnly() {
    assertTrue(after(PUT, 301, "https://EXAMPLE.com:443/other").siteHeaders(), "same origin");
    assertFalse(after(PUT, 301, "https://evil.example.net/").siteHeaders(), "another host");
    assertFalse(after(PUT, 301, "https://example.com:8443/").siteHeaders(), "another port");
    assertFalse(after(PUT, 301, "http://example.com/").siteHeaders(), "another scheme");
  }

  @Test
  void aHopBackToTheSitesOriginSendsItsHeadersAgain() {
    Hop away = after(PUT, 307, "https://cdn.example.net/x");
    Hop back = RedirectRules.next(PUT, away, 307, URI.create("https://example.com/y"));
    assertTrue(back.siteHeaders());
  }

  @Test
  void credentialsALocationNamesForAnotherOriginAreNotSent() {
    Site plain = site("https://example.com/", "GET", null, false);
    assertEquals(
        URI.create("https://example.net/a?b=1"),
        after(plain, 302, "https://user:pw@example.net/a?b=1").url());
    assertEquals(
        URI.create("https://user:pw@example.com/b"),
        after(plain, 302, "https://user:pw@example.com/b").url(),
        "the site's own origin keeps them");
  }

  @Test
  void aRedirectFromHttpsToHttpIsDownNamingTheUrl() {
    Optional<Outcome> refusal =
        RedirectRules.refusal(
            POST, RedirectRules.first(POST), URI.create("http://example.com/plain"));
    assertTrue(refusal.isPresent(), "an https to http redirect is not followed");
    assertEquals(Reason.TLS, refusal.get().reason());
    assertTrue(
        refusal.get().message().contains("http://example.com/plain"),
        "names the http URL: " + refusal.get().message());
  }

  @Test
  void aSiteMayAllowRedirectsFromHttpsToHttp() {
    Site allowing = site("https://example.com/", "GET", null, true);
    assertEquals(
        Optional.empty(),
        RedirectRules.refusal(
            allowing, RedirectRules.first(allowing), URI.create("http://example.com/plain")));
  }

  @Test
  void plainHttpToHttpsAndHttpToHttpAreFollowed() {
    Site plain = site("http://example.com/", "GET", null, false);
    Hop first = RedirectRules.first(plain);
    assertEquals(
        Optional.empty(), RedirectRules.refusal(plain, first, URI.create("https://example.com/")));
    assertEquals(
        Optional.empty(), RedirectRules.refusal(plain, first, URI.create("http://other.example/")));
  }

  @Test
  void aRedirectOutOfHttpIsDown() {
    Optional<Outcome> refusal =
        RedirectRules.refusal(HEAD, RedirectRules.first(HEAD), URI.create("ftp://example.com/f"));
    assertEquals(Reason.ERROR, refusal.orElseThrow().reason());
  }
}
