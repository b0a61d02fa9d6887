package org.sitewatch.persister.notify;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Duration;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** Makes the sender's settings injectable, read once from MicroProfile Config. */
@ApplicationScoped
public class AlertConfig {

  @Produces
  @Singleton
  AlertSettings settings(
      @ConfigProperty(name = "sitewatch.alerts.retry-period", defaultValue = "24h") Duration retry,
      @ConfigProperty(name = "sitewatch.alerts.retry-max-delay", defaultValue = "5m")
          Duration retryMaxDelay,
      @ConfigProperty(name = "sitewatch.alerts.poll-interval", defaultValue = "250ms")
          Duration poll,
      @ConfigProperty(name = "sitewatch.alerts.claim-lease", defaultValue = "2m") Duration lease,
      @ConfigProperty(name = "sitewatch.alerts.digest.after", defaultValue = "5") int digestAfter,
      @ConfigProperty(name = "sitewatch.alerts.digest.window", defaultValue = "10s")
          Duration window,
      @ConfigProperty(name = "sitewatch.alerts.keep-days", defaultValue = "30") int keepDays,
      @ConfigProperty(name = "sitewatch.public-url", defaultValue = "http://localhost:9081")
          String publicUrl) {
    return AlertSettings.of(
        retry, retryMaxDelay, poll, lease, digestAfter, window, keepDays, publicUrl);
  }
}
