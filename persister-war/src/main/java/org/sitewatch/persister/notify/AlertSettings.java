package org.sitewatch.persister.notify;

import java.time.Duration;
import org.eclipse.microprofile.config.Config;
import org.sitewatch.persister.config.ConfigDurations;

/**
 * The sender's settings, from MicroProfile Config (so also {@code SITEWATCH_ALERTS_…} environment
 * variables), checked once at startup.
 *
 * @param retryPeriod {@code sitewatch.alerts.retry-period}: how long a notification is retried,
 *     from its first attempt, before it is FAILED
 * @param pollInterval {@code sitewatch.alerts.poll-interval}: how often the outbox is read
 * @param digestAfter {@code sitewatch.alerts.digest.after}: messages a channel gets per {@code
 *     digestWindow} before the rest wait for one digest
 * @param digestWindow {@code sitewatch.alerts.digest.window}
 * @param keepDays {@code sitewatch.alerts.keep-days}: days finished notifications are kept
 * @param links links to the status page under {@code sitewatch.public-url}
 */
public record AlertSettings(
    Duration retryPeriod,
    Duration pollInterval,
    int digestAfter,
    Duration digestWindow,
    int keepDays,
    SiteLinks links) {

  static AlertSettings read(Config config) {
    return new AlertSettings(
        duration(config, "sitewatch.alerts.retry-period", "24h"),
        duration(config, "sitewatch.alerts.poll-interval", "250ms"),
        atLeastOne(config, "sitewatch.alerts.digest.after", 5),
        duration(config, "sitewatch.alerts.digest.window", "10s"),
        atLeastOne(config, "sitewatch.alerts.keep-days", 30),
        new SiteLinks(
            config
                .getOptionalValue("sitewatch.public-url", String.class)
                .orElse("http://localhost:9081")));
  }

  private static Duration duration(Config config, String name, String otherwise) {
    String text = config.getOptionalValue(name, String.class).orElse(otherwise);
    Duration value = ConfigDurations.parse(name, text);
    if (value.isNegative() || value.isZero()) {
      throw new IllegalArgumentException(name + " must be longer than 0, got '" + text + "'");
    }
    return value;
  }

  private static int atLeastOne(Config config, String name, int otherwise) {
    int value = config.getOptionalValue(name, Integer.class).orElse(otherwise);
    if (value < 1) {
      throw new IllegalArgumentException(name + " must be at least 1, got " + value);
    }
    return value;
  }
}
