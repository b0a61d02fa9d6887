package org.sitewatch.persister.notify;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.sitewatch.persister.config.ConfigDurations;

/** The sender's settings, read and checked once at startup. */
@ApplicationScoped
public class AlertSettings {

  @Inject
  @ConfigProperty(name = "sitewatch.alerts.retry-period", defaultValue = "24h")
  String retryPeriodText;

  @Inject
  @ConfigProperty(name = "sitewatch.alerts.poll-interval", defaultValue = "250ms")
  String pollIntervalText;

  @Inject
  @ConfigProperty(name = "sitewatch.alerts.digest.after", defaultValue = "5")
  int digestAfter;

  @Inject
  @ConfigProperty(name = "sitewatch.alerts.digest.window", defaultValue = "10s")
  String digestWindowText;

  @Inject
  @ConfigProperty(name = "sitewatch.alerts.keep-days", defaultValue = "30")
  int keepDays;

  @Inject
  @ConfigProperty(name = "sitewatch.public-url", defaultValue = "http://localhost:9081")
  String publicUrl;

  private Duration retryPeriod;
  private Duration pollInterval;
  private Duration digestWindow;
  private SiteLinks links;

  @PostConstruct
  void read() {
    retryPeriod = positive("sitewatch.alerts.retry-period", retryPeriodText);
    pollInterval = positive("sitewatch.alerts.poll-interval", pollIntervalText);
    digestWindow = positive("sitewatch.alerts.digest.window", digestWindowText);
    if (digestAfter < 1) {
      throw new IllegalArgumentException(
          "sitewatch.alerts.digest.after must be at least 1, got " + digestAfter);
    }
    if (keepDays < 1) {
      throw new IllegalArgumentException(
          "sitewatch.alerts.keep-days must be at least 1, got " + keepDays);
    }
    links = new SiteLinks(publicUrl);
  }

  private static Duration positive(String name, String text) {
    Duration value = ConfigDurations.parse(name, text);
    if (value.isNegative() || value.isZero()) {
      throw new IllegalArgumentException(name + " must be longer than 0, got '" + text + "'");
    }
    return value;
  }

  /** How long a notification is retried, from its first attempt, before it is FAILED. */
  public Duration retryPeriod() {
    return retryPeriod;
  }

  /** How often the outbox is asked for due notifications. */
  public Duration pollInterval() {
    return pollInterval;
  }

  /** Messages a channel gets per {@link #digestWindow()} before the rest wait for one digest. */
  public int digestAfter() {
    return digestAfter;
  }

  public Duration digestWindow() {
    return digestWindow;
  }

  /** Days finished notifications are kept before the hourly maintenance deletes them. */
  public int keepDays() {
    return keepDays;
  }

  public SiteLinks links() {
    return links;
  }
}
