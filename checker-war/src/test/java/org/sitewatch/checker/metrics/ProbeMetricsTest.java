package org.sitewatch.checker.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Proxy;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.eclipse.microprofile.metrics.Counter;
import org.eclipse.microprofile.metrics.MetricID;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.Tag;
import org.eclipse.microprofile.metrics.Timer;
import org.junit.jupiter.api.Test;
import org.sitewatch.common.CheckResult;
import org.sitewatch.common.Outcome;
import org.sitewatch.common.Reason;
import org.sitewatch.common.ResultIds;

/** The per-site opt-in, against a registry that only records what it is asked. */
class ProbeMetricsTest {

  /** Per-site gauges by "name{site}", and the series removed. */
  private final Map<String, Supplier<?>> gauges = new HashMap<>();

  private final List<MetricID> removed = new ArrayList<>();

  @Test
  void aggregateSeriesOnlyByDefault() {
    ProbeMetrics metrics = metrics(false);
    metrics.record(result("shop", Outcome.up()));
    assertEquals(Map.of(), gauges, "no per-site gauge unless opted in");
  }

  @Test
  void optedInEachSiteGetsBlackboxGaugesThatFollowItsLastProbe() {
    ProbeMetrics metrics = metrics(true);
    metrics.record(result("shop", Outcome.up()));
    metrics.record(result("blog", Outcome.down(Reason.TIMEOUT, "no answer")));
    assertEquals(4, gauges.size(), "two gauges for each of two sites: " + gauges.keySet());
    assertEquals(1d, gauges.get("probe_success{shop}").get(), "shop is UP");
    assertEquals(0d, gauges.get("probe_success{blog}").get(), "blog is DOWN");
    assertEquals(0.25, gauges.get("probe_duration_seconds{shop}").get(), "250 ms");

    metrics.record(result("shop", Outcome.down(Reason.HTTP_STATUS, "503")));
    assertEquals(0d, gauges.get("probe_success{shop}").get(), "the gauge follows the last probe");
    assertEquals(4, gauges.size(), "a site's next probe registers nothing new");
  }

  @Test
  void aForgottenSiteLeavesNoSeries() {
    ProbeMetrics metrics = metrics(true);
    metrics.record(result("shop", Outcome.up()));
    metrics.forget("shop");
    assertEquals(
        List.of(
            new MetricID("probe_success", new Tag("site", "shop")),
            new MetricID("probe_duration_seconds", new Tag("site", "shop"))),
        removed,
        "both of its series are removed");
    assertTrue(
        ((Double) gauges.get("probe_success{shop}").get()).isNaN(),
        "a gauge a scrape still holds reads NaN");
  }

  @Test
  void theEarliestCertificateExpiryOfAllHttpsSitesToTheDay() {
    ProbeMetrics metrics = metrics(false);
    assertTrue(Double.isNaN(metrics.earliestExpiry()), "no HTTPS site yet");
    CheckResult soon = result("shop", Outcome.up(), "https://shop.example.com/", 3);
    CheckResult later = result("blog", Outcome.up(), "https://blog.example.com/", 40);
    metrics.record(later);
    metrics.record(soon);
    metrics.record(result("plain", Outcome.up(), "http://plain.example.com/", null));
    assertEquals(
        soon.startedAt().getEpochSecond() + Duration.ofDays(3).toSeconds(),
        metrics.earliestExpiry());
    metrics.record(result("shop", Outcome.up(), "http://shop.example.com/", null));
    assertEquals(
        later.startedAt().getEpochSecond() + Duration.ofDays(40).toSeconds(),
        metrics.earliestExpiry(),
        "a site now on plain HTTP has no certificate; blog's is the earliest");
    assertEquals(Map.of(), gauges, "the aggregate only, unless opted in");
  }

  @Test
  void optedInEachHttpsSiteGetsBlackboxsCertificateGauge() {
    ProbeMetrics metrics = metrics(true);
    CheckResult shop = result("shop", Outcome.up(), "https://shop.example.com/", 3);
    metrics.record(shop);
    metrics.record(
        result("shop", Outcome.down(Reason.CONNECTION_REFUSED, "refused"), shop.url(), null));
    assertEquals(
        (double) shop.startedAt().getEpochSecond() + Duration.ofDays(3).toSeconds(),
        gauges.get("probe_ssl_earliest_cert_expiry{shop}").get(),
        "a probe that saw no handshake keeps the certificate last seen");
    metrics.forget("shop");
    assertTrue(
        removed.contains(new MetricID("probe_ssl_earliest_cert_expiry", new Tag("site", "shop"))),
        "a forgotten site's certificate series is removed: " + removed);
  }

  private ProbeMetrics metrics(boolean perSite) {
    ProbeMetrics metrics = new ProbeMetrics();
    metrics.registry = registry();
    metrics.perSite = perSite;
    return metrics;
  }

  private MetricRegistry registry() {
    Counter counter = stub(Counter.class);
    Timer timer = stub(Timer.class);
    return (MetricRegistry)
        Proxy.newProxyInstance(
            getClass().getClassLoader(),
            new Class<?>[] {MetricRegistry.class},
            (proxy, method, args) ->
                switch (method.getName()) {
                  case "counter" -> counter;
                  case "timer" -> timer;
                  case "gauge" -> {
                    Tag site = ((Tag[]) args[2])[0];
                    gauges.put(args[0] + "{" + site.getTagValue() + "}", (Supplier<?>) args[1]);
                    yield null;
                  }
                  case "remove" -> removed.add((MetricID) args[0]);
                  default -> throw new UnsupportedOperationException(method.getName());
                });
  }

  private static <T> T stub(Class<T> type) {
    return type.cast(
        Proxy.newProxyInstance(
            ProbeMetricsTest.class.getClassLoader(), new Class<?>[] {type}, (p, m, a) -> null));
  }

  private static CheckResult result(String siteId, Outcome outcome) {
    return result(siteId, outcome, "https://" + siteId + ".example.com/", null);
  }

  private static CheckResult result(
      String siteId, Outcome outcome, String url, Integer tlsDaysLeft) {
    Instant startedAt = Instant.now();
    return new CheckResult(
        ResultIds.next(),
        siteId,
        url,
        startedAt,
        Duration.ofMillis(250),
        outcome.isUp() ? 200 : null,
        null,
        outcome,
        1,
        tlsDaysLeft,
        Map.of(),
        startedAt.minusMillis(2));
  }
}
