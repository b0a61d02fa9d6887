package org.sitewatch.checker.probe;

import java.net.URI;
import java.util.Locale;
import java.util.Optional;
import org.sitewatch.checker.site.Site;
import org.sitewatch.common.Outcome;
import org.sitewatch.common.Reason;

/**
 * What a redirect's next request is, as browsers and curl make it (RFC 9110 section 15.4): 303
 * turns any method but HEAD into a GET, 301 and 302 turn a POST into one, and a GET sends no body;
 * every other hop keeps the method and body. The site's own headers and credentials go only to the
 * site's origin, never to a host it redirects to, and a redirect from HTTPS to plain HTTP is
 * followed only when the site allows it.
 */
final class RedirectRules {

  /**
   * One request of a probe.
   *
   * @param withBody whether it sends the site's body
   * @param siteHeaders whether it sends the site's headers: only to the site's own origin
   */
  record Hop(URI url, String method, boolean withBody, boolean siteHeaders) {}

  private RedirectRules() {}

  static Hop first(Site site) {
    return new Hop(
        site.request().url(), site.request().method(), site.request().body().isPresent(), true);
  }

  /** The request that follows a redirect of {@code from}, with the given status, to {@code to}. */
  static Hop next(Site site, Hop from, int status, URI to) {
    boolean toGet =
        status == 303 && !"HEAD".equals(from.method())
            || (status == 301 || status == 302) && "POST".equals(from.method());
    boolean home = sameOrigin(site.request().url(), to);
    return new Hop(
        home ? to : withoutUserInfo(to),
        toGet ? "GET" : from.method(),
        !toGet && from.withBody(),
        home);
  }

  /** Why a redirect of {@code from} to {@code to} is not followed, if it is not. */
  static Optional<Outcome> refusal(Site site, Hop from, URI to) {
    String scheme = to.getScheme() == null ? "" : to.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("http") && !scheme.equals("https")) {
      return Optional.of(
          Outcome.down(Reason.ERROR, "redirect to " + withoutUserInfo(to) + ", not an HTTP URL"));
    }
    if (scheme.equals("http")
        && "https".equalsIgnoreCase(from.url().getScheme())
        && !site.redirects().allowInsecure()) {
      return Optional.of(
          Outcome.down(
              Reason.TLS,
              "redirect from HTTPS to plain HTTP "
                  + withoutUserInfo(to)
                  + " not followed (allowInsecureRedirects: true follows it)"));
    }
    return Optional.empty();
  }

  private static boolean sameOrigin(URI a, URI b) {
    return a.getScheme().equalsIgnoreCase(b.getScheme())
        && a.getHost() != null
        && a.getHost().equalsIgnoreCase(b.getHost())
        && port(a) == port(b);
  }

  private static int port(URI url) {
    if (url.getPort() >= 0) {
      return url.getPort();
    }
    return "https".equalsIgnoreCase(url.getScheme()) ? 443 : 80;
  }

  /** The URL without the user info of its authority, if it has one. */
  private static URI withoutUserInfo(URI url) {
    if (url.getRawUserInfo() == null) {
      return url;
    }
    String authority = url.getRawAuthority();
    return URI.create(
        url.getScheme()
            + "://"
            + authority.substring(authority.lastIndexOf('@') + 1)
            + url.getRawPath()
            + (url.getRawQuery() == null ? "" : "?" + url.getRawQuery()));
  }
}
