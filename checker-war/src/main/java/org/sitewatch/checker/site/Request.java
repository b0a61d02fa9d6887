package org.sitewatch.checker.site;

import static org.sitewatch.checker.site.SiteRules.require;

import java.net.URI;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.sitewatch.support.text.MessageText;

/**
 * What a probe sends. {@link #toString()} leaves out header values, which may hold credentials.
 *
 * @param method the HTTP method, upper-case: one of {@link #METHODS}
 * @param url the absolute http or https URL, without credentials (user:password@)
 * @param headers request headers, in the order the file lists them; unmodifiable
 * @param body the request body, sent with POST, PUT and PATCH only, if any
 */
public record Request(String method, URI url, Map<String, String> headers, Optional<String> body) {

  public static final String DEFAULT_METHOD = "GET";
  public static final List<String> METHODS =
      List.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS");

  /** The methods that send a body. */
  public static final List<String> METHODS_WITH_BODY = List.of("POST", "PUT", "PATCH");

  public static final int MAX_BODY_LENGTH = 64 * 1024;

  public Request {
    Objects.requireNonNull(method, "method");
    Objects.requireNonNull(url, "url");
    Objects.requireNonNull(headers, "headers");
    Objects.requireNonNull(body, "body");
    method = method.toUpperCase(Locale.ROOT);
    require(SiteRules.methodProblem(method));
    require(SiteRules.urlProblem(url));
    Set<String> seen = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
    for (Map.Entry<String, String> header : headers.entrySet()) {
      require(SiteRules.headerNameProblem(header.getKey()));
      require(SiteRules.headerValueProblem(header.getKey(), header.getValue()));
      if (!seen.add(header.getKey())) {
        throw new IllegalArgumentException(
            "header " + MessageText.quote(header.getKey()) + " is given twice");
      }
    }
    headers = Collections.unmodifiableMap(new LinkedHashMap<>(headers));
    String sending = method;
    body.ifPresent(text -> require(SiteRules.bodyProblem(sending, text)));
  }

  /** A GET of the URL, without headers. */
  public static Request get(URI url) {
    return new Request(DEFAULT_METHOD, url, Map.of(), Optional.empty());
  }

  /** The fields, with header names but not their values, and the body's length only. */
  @Override
  public String toString() {
    return "Request[method="
        + method
        + ", url="
        + url
        + ", headers="
        + headers.keySet()
        + ", body="
        + body.map(text -> text.length() + " chars").orElse("none")
        + "]";
  }
}
