package org.sitewatch.checker.site;

import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.BinaryOperator;
import org.sitewatch.common.catalog.AlertPolicy;
import org.sitewatch.common.catalog.MaintenanceWindow;
import org.sitewatch.support.duration.Durations;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * One site as the sites file writes it, with the file's defaults applied: a field neither gives is
 * null, and takes its built-in default here. Bound from fields the schema and the field rules have
 * passed.
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
    Map<String, String> labels,
    Alerts alerts) {

  private static final JsonMapper MAPPER =
      JsonMapper.builder().enable(DeserializationFeature.ACCEPT_SINGLE_VALUE_AS_ARRAY).build();

  /** The {@code expect} mapping; {@code status} is a list even when the file gives one status. */
  record Expect(List<String> status, String regex, Integer maxBodyBytes, String maxResponseTime) {}

  /** The {@code tls} mapping. */
  record Tls(Integer minDaysLeft) {}

  /** The {@code alerts} mapping; the site's fields over the defaults', each on its own. */
  record Alerts(
      List<String> channels,
      Integer failureThreshold,
      Integer successThreshold,
      Boolean sendResolved,
      String remindEvery,
      Integer minLocations) {}

  SiteSpec {
    expect = Objects.requireNonNullElse(expect, new Expect(null, null, null, null));
  }

  /** The site's fields over the defaults'. */
  static SiteSpec of(JsonNode defaults, JsonNode site) {
    return MAPPER.treeToValue(merge(defaults, site), SiteSpec.class);
  }

  Duration intervalOrDefault() {
    return interval == null ? Schedule.DEFAULT_INTERVAL : Durations.parse(interval);
  }

  Duration timeoutOrDefault() {
    return timeout == null
        ? Schedule.every(intervalOrDefault()).timeout()
        : Durations.parse(timeout);
  }

  String methodOrDefault() {
    return Objects.requireNonNullElse(method, Request.DEFAULT_METHOD);
  }

  Optional<Duration> maxResponseTime() {
    return Optional.ofNullable(expect.maxResponseTime()).map(Durations::parse);
  }

  Map<String, String> labelsOrDefault() {
    return Objects.requireNonNullElse(labels, Map.of());
  }

  int retriesOrDefault() {
    return Objects.requireNonNullElse(retries, 0);
  }

  /**
   * The site, its values checked by the records.
   *
   * @param headerValue a header's value to send, by name and the text the file gives
   * @param policy its alerts, resolved from {@link #alerts()}
   * @param maintenance the windows that cover it
   */
  Site toSite(
      String siteId,
      BinaryOperator<String> headerValue,
      AlertPolicy policy,
      List<MaintenanceWindow> maintenance) {
    Map<String, String> sent = new LinkedHashMap<>();
    Objects.requireNonNullElse(headers, Map.<String, String>of())
        .forEach((header, text) -> sent.put(header, headerValue.apply(header, text)));
    return new Site(
        siteId,
        name != null ? name : siteId,
        new Request(methodOrDefault(), URI.create(url), sent, Optional.ofNullable(body)),
        new Schedule(intervalOrDefault(), timeoutOrDefault()),
        new Expectation(
            expect.status() == null
                ? StatusRanges.DEFAULT
                : StatusRanges.parse(String.join(",", expect.status())),
            Optional.ofNullable(expect.regex()).map(regex -> new BodyPattern(regex, 0)),
            Objects.requireNonNullElse(expect.maxBodyBytes(), Expectation.DEFAULT_MAX_BODY_BYTES),
            maxResponseTime(),
            Optional.ofNullable(tls).map(Tls::minDaysLeft)),
        new RedirectPolicy(
            !Boolean.FALSE.equals(followRedirects),
            Objects.requireNonNullElse(maxRedirects, RedirectPolicy.DEFAULT_MAX),
            Boolean.TRUE.equals(allowInsecureRedirects)),
        retriesOrDefault(),
        labelsOrDefault(),
        policy,
        maintenance);
  }

  /**
   * The site's fields over the defaults': mappings merge, a site's header replaces a default one of
   * the same name in any case, and a field without a value is left out.
   */
  private static ObjectNode merge(JsonNode defaults, JsonNode site) {
    ObjectNode merged =
        defaults.isObject() ? (ObjectNode) defaults.deepCopy() : MAPPER.createObjectNode();
    for (Map.Entry<String, JsonNode> field : site.properties()) {
      JsonNode value = field.getValue();
      JsonNode base = merged.path(field.getKey());
      if (field.getKey().equals("headers") && base.isObject()) {
        ObjectNode kept = (ObjectNode) base.deepCopy();
        for (String name : base.propertyNames()) {
          if (value.propertyNames().stream().anyMatch(name::equalsIgnoreCase)) {
            kept.remove(name);
          }
        }
        base = kept;
      }
      if (!value.isNull()) {
        merged.set(
            field.getKey(), base.isObject() && value.isObject() ? merge(base, value) : value);
      }
    }
    return merged;
  }
}
