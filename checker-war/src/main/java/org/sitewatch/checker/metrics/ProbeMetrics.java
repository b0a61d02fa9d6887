package org.sitewatch.checker.metrics;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.Startup;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.ToDoubleFunction;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.metrics.MetricID;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.Tag;
import org.sitewatch.common.CheckResult;

/**
 * Counts every probe's result. Aggregate series by default, among them the earliest certificate
 * expiry of all HTTPS sites; with {@code sitewatch.metrics.per-site} also blackbox_exporter's
 * per-target gauges, one series per site each, which a large site list cannot afford by default.
 * Certificate expiry is known to the day (results carry days left): the time given is never later
 * than the certificate's own.
 */
@ApplicationScoped
public class ProbeMetrics {

  static final String PER_SITE = "sitewatch.metrics.per-site";

  @Inject MetricRegistry registry;

  @Inject
  @ConfigProperty(name = PER_SITE, defaultValue = "false")
  boolean perSite;

  private final Map<String, CheckResult> latest = new ConcurrentHashMap<>();

  /** Per HTTPS site, when its certificate expires, as its latest handshake saw it. */
  private final Map<String, Instant> certificateExpiry = new ConcurrentHashMap<>();

  void register(@Observes Startup startup) {
    registry.gauge(
        "sitewatch.tls.earliest.cert.expiry.seconds", this, ProbeMetrics::earliestExpiry);
  }

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
    recordExpiry(result);
  }

  /**
   * A result without days left keeps what an earlier handshake saw, unless the site is HTTP now.
   */
  private void recordExpiry(CheckResult result) {
    if (result.tlsDaysLeft() != null) {
      Instant expiry =
          result
              .startedAt()
              .truncatedTo(ChronoUnit.SECONDS)
              .plus(Duration.ofDays(result.tlsDaysLeft()));
      if (certificateExpiry.put(result.siteId(), expiry) == null && perSite) {
        registry.gauge(
            "probe_ssl_earliest_cert_expiry",
            () -> expiryOf(result.siteId()),
            new Tag("site", result.siteId()));
      }
    } else if (!result.url().regionMatches(true, 0, "https:", 0, "https:".length())) {
      forgetExpiry(result.siteId());
    }
  }

  /** Seconds since the epoch of the earliest expiry among the HTTPS sites; NaN without one. */
  double earliestExpiry() {
    return certificateExpiry.values().stream()
        .mapToDouble(Instant::getEpochSecond)
        .min()
        .orElse(Double.NaN);
  }

  private Double expiryOf(String siteId) {
    Instant expiry = certificateExpiry.get(siteId);
    return expiry == null ? Double.NaN : (double) expiry.getEpochSecond();
  }

  private void forgetExpiry(String siteId) {
    if (certificateExpiry.remove(siteId) != null && perSite) {
      registry.remove(siteSeries("probe_ssl_earliest_cert_expiry", siteId));
    }
  }

  /** A site no longer scheduled leaves no series behind. */
  public void forget(String siteId) {
    forgetExpiry(siteId);
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
