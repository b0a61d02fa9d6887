package org.sitewatch.checker.probe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.sitewatch.checker.site.Site;
import org.sitewatch.checker.site.SitesFileParser;
import org.sitewatch.common.Outcome;
import org.sitewatch.common.Reason;

class OutcomeRulesTest {

  private static Site site(String expect) {
    List<Site> sites =
        new SitesFileParser().parse("sites:\n  - url: https://example.com\n" + expect, "test.yaml");
    return sites.get(0);
  }

  @Test
  void anExpectedStatusWithoutRegexIsUp() {
    assertTrue(OutcomeRules.judge(Site.of(URI.create("https://example.com")), 204, null).isUp());
  }

  @Test
  void aStatusOutsideTheExpectationIsDownNamingBoth() {
    Outcome outcome = OutcomeRules.judge(Site.of(URI.create("https://example.com")), 503, null);
    assertEquals(Reason.HTTP_STATUS, outcome.reason());
    assertEquals("HTTP 503, expected 200-399", outcome.message());
  }

  @Test
  void aMissingRegexIsBodyMismatch() {
    Site site = site("    expect:\n      regex: \"Example Domain\"\n");
    Outcome outcome = OutcomeRules.judge(site, 200, false);
    assertEquals(Reason.BODY_MISMATCH, outcome.reason());
    assertEquals("body does not match /Example Domain/", outcome.message());
    assertTrue(OutcomeRules.judge(site, 200, true).isUp());
  }

  @Test
  void theStatusIsJudgedBeforeTheBody() {
    Site site = site("    expect:\n      status: [200]\n      regex: x\n");
    assertEquals(Reason.HTTP_STATUS, OutcomeRules.judge(site, 500, false).reason());
  }
}
