package org.sitewatch.checker.site;

import static org.sitewatch.checker.site.SiteRules.require;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * What counts as an answer of a site that is UP.
 *
 * @param status the statuses that count as up
 * @param regex a pattern the body must contain, if any
 * @param maxBodyBytes the regex is searched in at most this many bytes of the body; reading stops
 *     there
 * @param maxResponseTime a response slower than this is DOWN (SLOW), if set
 * @param tlsMinDaysLeft an HTTPS site whose certificate expires in fewer days is DOWN
 *     (TLS_EXPIRING), if set
 */
public record Expectation(
    StatusRanges status,
    Optional<BodyPattern> regex,
    int maxBodyBytes,
    Optional<Duration> maxResponseTime,
    Optional<Integer> tlsMinDaysLeft) {

  public static final int DEFAULT_MAX_BODY_BYTES = 1024 * 1024;
  public static final int MAX_MAX_BODY_BYTES = 64 * 1024 * 1024;
  public static final int MAX_TLS_MIN_DAYS_LEFT = 3650;

  /** Statuses 200-399, no regex, the first MiB, no maximum response time, no certificate check. */
  public static final Expectation DEFAULT = of(StatusRanges.DEFAULT, Optional.empty());

  public Expectation {
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(regex, "regex");
    Objects.requireNonNull(maxResponseTime, "maxResponseTime");
    Objects.requireNonNull(tlsMinDaysLeft, "tlsMinDaysLeft");
    require(SiteRules.maxBodyBytesProblem(maxBodyBytes));
    maxResponseTime.ifPresent(max -> require(SiteRules.positiveProblem("maxResponseTime", max)));
    tlsMinDaysLeft.ifPresent(days -> require(SiteRules.tlsMinDaysLeftProblem(days)));
  }

  /** The statuses and regex given, every other check at its default. */
  public static Expectation of(StatusRanges status, Optional<BodyPattern> regex) {
    return new Expectation(
        status, regex, DEFAULT_MAX_BODY_BYTES, Optional.empty(), Optional.empty());
  }
}
