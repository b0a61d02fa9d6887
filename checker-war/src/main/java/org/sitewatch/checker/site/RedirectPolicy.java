package org.sitewatch.checker.site;

/**
 * Whether and how far a probe follows redirects.
 *
 * @param follow whether redirects are followed, or judged as the response
 * @param max redirects followed at most, beyond which the probe is DOWN (TOO_MANY_REDIRECTS)
 * @param allowInsecure whether a redirect from HTTPS to plain HTTP is followed; when not, it is
 *     DOWN (TLS)
 */
public record RedirectPolicy(boolean follow, int max, boolean allowInsecure) {

  public static final int DEFAULT_MAX = 5;
  public static final int MAX_MAX = 20;

  /** Followed up to 5, never from HTTPS to plain HTTP. */
  public static final RedirectPolicy DEFAULT = new RedirectPolicy(true, DEFAULT_MAX, false);

  public RedirectPolicy {
    SiteRules.require(SiteRules.maxRedirectsProblem(max));
  }
}
