package org.sitewatch.checker.probe;

import org.sitewatch.checker.site.Site;
import org.sitewatch.common.Outcome;
import org.sitewatch.common.Reason;

/** Judges a response that arrived: is the site UP by its own expectations? */
final class OutcomeRules {

  private OutcomeRules() {}

  /**
   * @param regexMatched whether the body matched the site's regex; {@code null} when no regex is
   *     set
   */
  static Outcome judge(Site site, int status, Boolean regexMatched) {
    if (!site.expectedStatus().contains(status)) {
      return Outcome.down(
          Reason.HTTP_STATUS, "HTTP " + status + ", expected " + site.expectedStatus());
    }
    if (Boolean.FALSE.equals(regexMatched)) {
      return Outcome.down(
          Reason.BODY_MISMATCH,
          "body does not match /" + site.regex().map(p -> p.pattern()).orElse("") + "/");
    }
    return Outcome.up();
  }
}
