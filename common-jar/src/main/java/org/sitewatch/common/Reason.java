package org.sitewatch.common;

/** Why a check came out DOWN. Stored as text, so names are part of the contract: never rename. */
public enum Reason {
  /** The HTTP status was outside the site's expected statuses. */
  HTTP_STATUS,
  /** The body did not contain the site's expected regex. */
  BODY_MISMATCH,
  /** The whole probe did not finish within the site's timeout. */
  TIMEOUT,
  /** The target refused the TCP connection. */
  CONNECTION_REFUSED,
  /** The host name could not be resolved. */
  DNS,
  /**
   * The TLS handshake failed (untrusted chain, hostname mismatch, protocol error), or a redirect
   * would leave HTTPS for plain HTTP.
   */
  TLS,
  /** The certificate expires sooner than the site allows. */
  TLS_EXPIRING,
  /** More redirects than the site allows, or a redirect loop. */
  TOO_MANY_REDIRECTS,
  /** The body was larger than the site allows to be read. */
  BODY_TOO_LARGE,
  /** The response came, but slower than the site's maximum response time. */
  SLOW,
  /** Anything else: the message says what. */
  ERROR
}
