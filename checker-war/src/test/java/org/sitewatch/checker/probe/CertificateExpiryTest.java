package org.sitewatch.checker.probe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class CertificateExpiryTest {

  private static final Instant NOW = Instant.parse("2026-12-01T12:00:00Z");

  private final CertificateExpiry expiry = new CertificateExpiry(Clock.fixed(NOW, ZoneOffset.UTC));

  @Test
  void daysLeftAreWholeDaysRoundedDown() {
    assertEquals(4, expiry.daysLeft(NOW.plus(Duration.ofDays(5)).minusSeconds(1)));
    assertEquals(5, expiry.daysLeft(NOW.plus(Duration.ofDays(5))));
    assertEquals(0, expiry.daysLeft(NOW.plusSeconds(60)));
  }

  @Test
  void anExpiredCertificateHasNegativeDaysLeft() {
    assertEquals(-1, expiry.daysLeft(NOW.minusSeconds(60)));
    assertEquals(-30, expiry.daysLeft(NOW.minus(Duration.ofDays(30))));
  }

  @Test
  void farFutureExpiriesDoNotOverflow() {
    assertTrue(expiry.daysLeft(Instant.parse("9999-12-31T23:59:59Z")) > 2_900_000);
  }

  @Test
  void nothingIsKnownOfAnEndpointNeverSeen() {
    assertTrue(expiry.seenSince("example.com", 443, NOW.minusSeconds(1)).isEmpty());
  }
}
