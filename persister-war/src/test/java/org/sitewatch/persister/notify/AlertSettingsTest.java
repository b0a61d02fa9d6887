package org.sitewatch.persister.notify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class AlertSettingsTest {

  private static final Duration DAY = Duration.ofHours(24);
  private static final Duration FIVE_MINUTES = Duration.ofMinutes(5);
  private static final Duration POLL = Duration.ofMillis(250);
  private static final Duration LEASE = Duration.ofMinutes(2);
  private static final Duration WINDOW = Duration.ofSeconds(10);

  @Test
  void keepsTheSettings() {
    AlertSettings settings =
        AlertSettings.of(
            DAY, FIVE_MINUTES, POLL, LEASE, 5, WINDOW, 30, "https://status.example.net/sitewatch");

    assertEquals(Duration.ofHours(24), settings.retryPeriod());
    assertEquals(Duration.ofMinutes(5), settings.retryMaxDelay());
    assertEquals(Duration.ofMillis(250), settings.pollInterval());
    assertEquals(Duration.ofMinutes(2), settings.claimLease());
    assertEquals(
        "https://status.example.net/sitewatch/status/site.html?id=a", settings.links().page("a"));
  }

  @Test
  void namesTheSettingThatIsWrong() {
    IllegalArgumentException zero =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                AlertSettings.of(
                    Duration.ZERO,
                    FIVE_MINUTES,
                    POLL,
                    LEASE,
                    5,
                    WINDOW,
                    30,
                    "http://localhost:9081"));
    assertTrue(zero.getMessage().contains("sitewatch.alerts.retry-period"), zero.getMessage());
    IllegalArgumentException digest =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                AlertSettings.of(
                    DAY, FIVE_MINUTES, POLL, LEASE, 0, WINDOW, 30, "http://localhost:9081"));
    assertTrue(digest.getMessage().contains("sitewatch.alerts.digest.after"), digest.getMessage());
    IllegalArgumentException delay =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                AlertSettings.of(
                    DAY,
                    Duration.ofMillis(500),
                    POLL,
                    LEASE,
                    5,
                    WINDOW,
                    30,
                    "http://localhost:9081"));
    assertTrue(
        delay.getMessage().contains("sitewatch.alerts.retry-max-delay must be at least 1s"),
        delay.getMessage());
    IllegalArgumentException lease =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                AlertSettings.of(
                    DAY,
                    FIVE_MINUTES,
                    POLL,
                    Duration.ofSeconds(10),
                    5,
                    WINDOW,
                    30,
                    "http://localhost:9081"));
    assertTrue(
        lease.getMessage().contains("sitewatch.alerts.claim-lease must be at least 30s"),
        lease.getMessage());
    assertThrows(
        IllegalArgumentException.class,
        () -> AlertSettings.of(DAY, FIVE_MINUTES, POLL, LEASE, 5, WINDOW, 30, "localhost:9081"));
  }
}
