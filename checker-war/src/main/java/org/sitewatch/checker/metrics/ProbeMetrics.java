package org.sitewatch.checker.metrics;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.ToDoubleFunction;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.metrics.MetricID;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.Tag;
import org.sitewatch.common.CheckResult;

/**
 * Counts every probe's result. Aggregate series by default; with {@code sitewatch.metrics.per-site}
 * also blackbox_exporter's per-target gauges, one series per site each, which a large site list
 * cannot afford by default.
 */
@ApplicationScoped
public class ProbeMetrics {

  static final String PER_SITE = "sitewatch.metrics.per-site";

  @Inject MetricRegistry registry;

  @Inject
  @ConfigProperty(name = PER_SITE, defaultValue = "false")
  boolean perSite;

  private final Map<String, CheckResult> latest = new ConcurrentHashMap<>();

  public void record(CheckResult result) {
    registry.counter("sitewatch.probes", ProbeTags.of(result.outcome())).inc();
    registry.timer("sitewatch.probe.duration").update(result.duration());
    if (result.scheduledAt() != null) {
      Duration lag = Duration.between(result.scheduledAt(), result.startedAt());
      registry.timer("sitewatch.probe.start.lag").update(lag.isNegative() ? Duration.ZERO : lag);
    }
    if (perSite && latest.put(result.siteId(), result) == null) {
      register(result.siteId());
    }
  }

  /** A site no longer scheduled leaves no series behind. */
  public void forget(String siteId) {
    if (latest.containsKey(siteId)) {
      registry.remove(siteSeries("probe_success", siteId));
      registry.remove(siteSeries("probe_duration_seconds", siteId));
      latest.remove(siteId);
    }
  }

  /** By name and tags: Liberty's gauge(MetricID, Supplier) drops the MetricID's tags. */
  private void register(String siteId) {
    Tag site = new Tag("site", siteId);
    registry.gauge("probe_success", () -> latest(siteId, r -> r.outcome().isUp() ? 1d : 0d), site);
    registry.gauge(
        "probe_duration_seconds", () -> latest(siteId, r -> r.duration().toNanos() / 1e9), site);
  }

  /** NaN once the site is forgotten: a scrape may still hold its gauge. */
  private Double latest(String siteId, ToDoubleFunction<CheckResult> value) {
    CheckResult result = latest.get(siteId);
    return result == null ? Double.NaN : value.applyAsDouble(result);
  }

  private static MetricID siteSeries(String name, String siteId) {
    return new MetricID(name, new Tag("site", siteId));
  }
}
