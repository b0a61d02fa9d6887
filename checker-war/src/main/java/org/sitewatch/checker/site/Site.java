package org.sitewatch.checker.site;

import java.net.URI;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.sitewatch.common.CheckResult;

/**
 * One site to probe, as read from the sites file: immutable and valid by construction.
 *
 * <p>Sites are equal when every field is; the regex compares by its source and flags, so the sites
 * of a reloaded file can be compared with the running ones to find what changed. {@link
 * #toString()} leaves out header values, which may hold credentials.
 *
 * @param id unique among the sites of a file, 1-200 of {@code A-Z a-z 0-9 . _ -}
 * @param name a human-readable name
 * @param url the absolute http or https URL to probe, without credentials (user:password@)
 * @param interval time between probes, 1s to 24h
 * @param timeout how long a probe may take, longer than 0 and at most the interval
 * @param method the HTTP method, upper-case: one of {@link #METHODS}
 * @param headers request headers, in the order the file lists them; unmodifiable
 * @param body the request body, sent with POST, PUT and PATCH only, if any
 * @param expectedStatus the statuses that count as up
 * @param regex a pattern the body must contain (searched for, not matched whole), if any
 * @param maxBodyBytes the regex is searched in at most this many bytes of the body; reading stops
 *     there
 * @param maxResponseTime a response slower than this is DOWN (SLOW), if set; shorter than the
 *     timeout
 * @param followRedirects whether redirects are followed, or judged as the response
 * @param maxRedirects redirects followed at most, beyond which the probe is DOWN
 *     (TOO_MANY_REDIRECTS)
 * @param allowInsecureRedirects whether a redirect from HTTPS to plain HTTP is followed; when not,
 *     it is DOWN (TLS)
 * @param tlsMinDaysLeft an HTTPS site whose certificate expires in fewer days is DOWN
 *     (TLS_EXPIRING), if set
 * @param retries attempts made again at once after a DOWN one before reporting DOWN; every attempt
 *     fits in the interval
 * @param labels free-form labels carried into every result; unmodifiable, sorted by key
 */
public record Site(
    String id,
    String name,
    URI url,
    Duration interval,
    Duration timeout,
    String method,
    Map<String, String> headers,
    Optional<String> body,
    StatusRanges expectedStatus,
    Optional<Pattern> regex,
    int maxBodyBytes,
    Optional<Duration> maxResponseTime,
    boolean followRedirects,
    int maxRedirects,
    boolean allowInsecureRedirects,
    Optional<Integer> tlsMinDaysLeft,
    int retries,
    Map<String, String> labels) {

  public static final int MAX_ID_LENGTH = CheckResult.MAX_SITE_ID_LENGTH;
  public static final int MAX_URL_LENGTH = CheckResult.MAX_URL_LENGTH;
  public static final Duration MIN_INTERVAL = Duration.ofSeconds(1);
  public static final Duration MAX_INTERVAL = Duration.ofHours(24);
  public static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(60);

  /** The timeout when none is set: 10s, or the interval when that is shorter. */
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);

  public static final String DEFAULT_METHOD = "GET";
  public static final List<String> METHODS =
      List.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS");

  /** The methods that send a body. */
  public static final List<String> METHODS_WITH_BODY = List.of("POST", "PUT", "PATCH");

  public static final int MAX_REQUEST_BODY_LENGTH = 64 * 1024;
  public static final int DEFAULT_MAX_BODY_BYTES = 1024 * 1024;
  public static final int MAX_MAX_BODY_BYTES = 64 * 1024 * 1024;
  public static final int DEFAULT_MAX_REDIRECTS = 5;
  public static final int MAX_MAX_REDIRECTS = 20;
  public static final int MAX_TLS_MIN_DAYS_LEFT = 3650;
  public static final int MAX_RETRIES = CheckResult.MAX_ATTEMPTS - 1;

  public Site {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(url, "url");
    Objects.requireNonNull(interval, "interval");
    Objects.requireNonNull(timeout, "timeout");
    Objects.requireNonNull(method, "method");
    Objects.requireNonNull(headers, "headers");
    Objects.requireNonNull(expectedStatus, "expectedStatus");
    Objects.requireNonNull(regex, "regex");
    Objects.requireNonNull(body, "body");
    Objects.requireNonNull(maxResponseTime, "maxResponseTime");
    Objects.requireNonNull(tlsMinDaysLeft, "tlsMinDaysLeft");
    Objects.requireNonNull(labels, "labels");
    check(SiteRules.idProblem(id));
    check(SiteRules.nameProblem(name));
    check(SiteRules.urlProblem(url));
    check(SiteRules.intervalProblem(interval));
    check(SiteRules.positiveProblem("timeout", timeout));
    if (timeout.compareTo(interval) > 0) {
      throw new IllegalArgumentException(
          "timeout "
              + Durations.format(timeout)
              + " exceeds the interval "
              + Durations.format(interval));
    }
    method = method.toUpperCase(Locale.ROOT);
    check(SiteRules.methodProblem(method));
    Set<String> seen = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
    for (Map.Entry<String, String> header : headers.entrySet()) {
      Objects.requireNonNull(header.getKey(), "header name");
      Objects.requireNonNull(header.getValue(), "header value");
      check(SiteRules.headerNameProblem(header.getKey()));
      check(SiteRules.headerValueProblem(header.getKey(), header.getValue()));
      if (!seen.add(header.getKey())) {
        throw new IllegalArgumentException(
            "header " + SiteRules.quote(header.getKey()) + " is given twice");
      }
    }
    headers = Collections.unmodifiableMap(new LinkedHashMap<>(headers));
    String bodyMethod = method;
    body.ifPresent(text -> check(SiteRules.bodyProblem(bodyMethod, text)));
    check(SiteRules.maxBodyBytesProblem(maxBodyBytes));
    if (maxResponseTime.isPresent()) {
      check(SiteRules.maxResponseTimeProblem(maxResponseTime.get(), timeout));
    }
    check(SiteRules.maxRedirectsProblem(maxRedirects));
    tlsMinDaysLeft.ifPresent(days -> check(SiteRules.tlsMinDaysLeftProblem(days)));
    check(SiteRules.retriesProblem(retries));
    check(SiteRules.retriesFitProblem(retries, timeout, interval));
    check(CheckResult.labelsProblem(labels));
    labels = Collections.unmodifiableMap(new TreeMap<>(labels));
  }

  /** A site that follows no redirect from HTTPS to plain HTTP, as sites do unless they opt in. */
  public Site(
      String id,
      String name,
      URI url,
      Duration interval,
      Duration timeout,
      String method,
      Map<String, String> headers,
      Optional<String> body,
      StatusRanges expectedStatus,
      Optional<Pattern> regex,
      int maxBodyBytes,
      Optional<Duration> maxResponseTime,
      boolean followRedirects,
      int maxRedirects,
      Optional<Integer> tlsMinDaysLeft,
      int retries,
      Map<String, String> labels) {
    this(
        id,
        name,
        url,
        interval,
        timeout,
        method,
        headers,
        body,
        expectedStatus,
        regex,
        maxBodyBytes,
        maxResponseTime,
        followRedirects,
        maxRedirects,
        false,
        tlsMinDaysLeft,
        retries,
        labels);
  }

  /**
   * A site with every check added since the first sites file at its default: no body, the regex
   * searched in the first MiB, no maximum response time, redirects followed up to 5, no certificate
   * threshold, no retries, no labels.
   */
  public Site(
      String id,
      String name,
      URI url,
      Duration interval,
      Duration timeout,
      String method,
      Map<String, String> headers,
      StatusRanges expectedStatus,
      Optional<Pattern> regex) {
    this(
        id,
        name,
        url,
        interval,
        timeout,
        method,
        headers,
        Optional.empty(),
        expectedStatus,
        regex,
        DEFAULT_MAX_BODY_BYTES,
        Optional.empty(),
        true,
        DEFAULT_MAX_REDIRECTS,
        Optional.empty(),
        0,
        Map.of());
  }

  /** How many attempts a probe may make: the first and its retries. */
  public int maxAttempts() {
    return retries + 1;
  }

  /**
   * A GET of the URL with every other field at its default; the id is derived from the URL as the
   * sites file does.
   */
  public static Site of(URI url) {
    return new Site(
        SiteIds.fromUrl(url),
        SiteIds.fromUrl(url),
        url,
        DEFAULT_INTERVAL,
        DEFAULT_TIMEOUT,
        DEFAULT_METHOD,
        Map.of(),
        StatusRanges.DEFAULT,
        Optional.empty());
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof Site that
        && id.equals(that.id)
        && name.equals(that.name)
        && url.equals(that.url)
        && interval.equals(that.interval)
        && timeout.equals(that.timeout)
        && method.equals(that.method)
        && headers.equals(that.headers)
        && expectedStatus.equals(that.expectedStatus)
        && regexSource().equals(that.regexSource())
        && regexFlags() == that.regexFlags()
        && body.equals(that.body)
        && maxBodyBytes == that.maxBodyBytes
        && maxResponseTime.equals(that.maxResponseTime)
        && followRedirects == that.followRedirects
        && maxRedirects == that.maxRedirects
        && allowInsecureRedirects == that.allowInsecureRedirects
        && tlsMinDaysLeft.equals(that.tlsMinDaysLeft)
        && retries == that.retries
        && labels.equals(that.labels);
  }

  @Override
  public int hashCode() {
    return Objects.hash(
        id,
        name,
        url,
        interval,
        timeout,
        method,
        headers,
        expectedStatus,
        regexSource(),
        regexFlags(),
        body,
        maxBodyBytes,
        maxResponseTime,
        followRedirects,
        maxRedirects,
        allowInsecureRedirects,
        tlsMinDaysLeft,
        retries,
        labels);
  }

  /** The fields, with header names but not their values, and the body's length only. */
  @Override
  public String toString() {
    return "Site[id="
        + id
        + ", name="
        + name
        + ", url="
        + url
        + ", interval="
        + Durations.format(interval)
        + ", timeout="
        + Durations.format(timeout)
        + ", method="
        + method
        + ", headers="
        + headers.keySet()
        + ", expectedStatus="
        + expectedStatus
        + ", regex="
        + regex.map(pattern -> "/" + pattern.pattern() + "/").orElse("none")
        + ", body="
        + body.map(text -> text.length() + " chars").orElse("none")
        + ", maxBodyBytes="
        + maxBodyBytes
        + ", maxResponseTime="
        + maxResponseTime.map(Durations::format).orElse("none")
        + ", followRedirects="
        + followRedirects
        + ", maxRedirects="
        + maxRedirects
        + ", allowInsecureRedirects="
        + allowInsecureRedirects
        + ", tlsMinDaysLeft="
        + tlsMinDaysLeft.map(String::valueOf).orElse("none")
        + ", retries="
        + retries
        + ", labels="
        + labels
        + "]";
  }

  private Optional<String> regexSource() {
    return regex.map(Pattern::pattern);
  }

  private int regexFlags() {
    return regex.map(Pattern::flags).orElse(0);
  }

  private static void check(Optional<String> problem) {
    problem.ifPresent(
        message -> {
          throw new IllegalArgumentException(message);
        });
  }
}
