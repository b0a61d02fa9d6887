package org.sitewatch.checker.probe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.sitewatch.checker.site.Site;
import org.sitewatch.checker.site.SitesFileParser;
import org.sitewatch.common.Outcome;
import org.sitewatch.common.Reason;

/** SLOW and TLS_EXPIRING: limits on an answer the site otherwise accepts. */
class OutcomeLimitsTest {

  private static final Site LIMITED =
      new SitesFileParser()
          .parse(
              """
              sites:
                - url: https://example.com
                  timeout: 5s
                  tls:
                    minDaysLeft: 14
                  expect:
                    maxResponseTime: 800ms
              """,
              "test.yaml")
          .get(0);

  private static final Site UNLIMITED = Site.of(URI.create("https://example.com"));

  @Test
  void aSlowerAnswerIsSlow() {
    Outcome outcome = OutcomeRules.limits(LIMITED, Outcome.up(), Duration.ofMillis(801), 90);

    assertEquals(
        Outcome.down(Reason.SLOW, "answered in 801ms, slower than maxResponseTime 800ms"), outcome);
    assertTrue(OutcomeRules.limits(LIMITED, Outcome.up(), Duration.ofMillis(800), 90).isUp());
  }

  @Test
  void aCertificateCloserToExpiryThanAllowedIsExpiring() {
    Outcome outcome = OutcomeRules.limits(LIMITED, Outcome.up(), Duration.ofMillis(5), 13);

    assertEquals(
        Outcome.down(
            Reason.TLS_EXPIRING, "certificate expires in 13 days, fewer than minDaysLeft 14"),
        outcome);
    assertTrue(OutcomeRules.limits(LIMITED, Outcome.up(), Duration.ofMillis(5), 14).isUp());
    assertEquals(
        "certificate expires in 1 day, fewer than minDaysLeft 14",
        OutcomeRules.limits(LIMITED, Outcome.up(), Duration.ofMillis(5), 1).message());
  }

  @Test
  void noCertificateSeenIsNoVerdictOnIt() {
    assertTrue(OutcomeRules.limits(LIMITED, Outcome.up(), Duration.ofMillis(5), null).isUp());
  }

  @Test
  void aSiteWithoutLimitsStaysUp() {
    assertTrue(OutcomeRules.limits(UNLIMITED, Outcome.up(), Duration.ofSeconds(9), -3).isUp());
  }

  @Test
  void aDownOutcomeKeepsItsMoreSpecificReason() {
    Outcome status = Outcome.down(Reason.HTTP_STATUS, "HTTP 500, expected 200-399");

    assertSame(status, OutcomeRules.limits(LIMITED, status, Duration.ofSeconds(3), 1));
  }

  @Test
  void onlyAnExpiringCertificateIsNotWorthARetry() {
    assertTrue(OutcomeRules.worthRetrying(Outcome.down(Reason.TIMEOUT, "no answer within 1s")));
    assertTrue(OutcomeRules.worthRetrying(Outcome.down(Reason.SLOW, "slow")));
    assertFalse(OutcomeRules.worthRetrying(Outcome.down(Reason.TLS_EXPIRING, "expiring")));
    assertFalse(OutcomeRules.worthRetrying(Outcome.up()));
  }
}
