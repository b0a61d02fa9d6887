package org.sitewatch.checker.site;

import java.util.List;
import java.util.Map;

/**
 * One site as the sites file writes it, its defaults already applied: fields the file leaves out
 * are null. Bound from a tree the schema and the field rules have passed.
 */
record SiteSpec(
    String url,
    String id,
    String name,
    String interval,
    String timeout,
    String method,
    Map<String, String> headers,
    String body,
    Expect expect,
    Boolean followRedirects,
    Integer maxRedirects,
    Boolean allowInsecureRedirects,
    Tls tls,
    Integer retries,
    Map<String, String> labels) {

  /** The {@code expect} mapping; {@code status} is a list even when the file gives one status. */
  record Expect(List<String> status, String regex, Integer maxBodyBytes, String maxResponseTime) {}

  /** The {@code tls} mapping. */
  record Tls(Integer minDaysLeft) {}
}
