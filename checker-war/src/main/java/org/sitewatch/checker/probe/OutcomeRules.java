package org.sitewatch.checker.probe;

import java.time.Duration;
import java.util.Optional;
import org.sitewatch.checker.site.BodyPattern;
import org.sitewatch.checker.site.Site;
import org.sitewatch.common.Outcome;
import org.sitewatch.common.Reason;
import org.sitewatch.support.duration.Durations;

/** Judges a response that arrived: is the site UP by its own expectations? */
final class OutcomeRules {

  private OutcomeRules() {}

  /**
   * @param regexMatched whether the body matched the site's regex; {@code null} when no regex is
   *     set
   */
  static Outcome judge(Site site, int status, Boolean regexMatched) {
    if (!site.expect().status().contains(status)) {
      return Outcome.down(
          Reason.HTTP_STATUS, "HTTP " + status + ", expected " + site.expect().status());
    }
    if (Boolean.FALSE.equals(regexMatched)) {
      return Outcome.down(
          Reason.BODY_MISMATCH,
          "body does not match /" + site.expect().regex().map(BodyPattern::regex).orElse("") + "/");
    }
    return Outcome.up();
  }

  /**
   * The site's limits on an answer it otherwise accepts: slower than its maximum response time is
   * DOWN (SLOW); a certificate closer to expiry than its minimum days is DOWN (TLS_EXPIRING). An
   * outcome already DOWN keeps its more specific reason.
   *
   * @param took how long the attempt took
   * @param tlsDaysLeft days until the certificate expires, or null when none was seen
   */
  static Outcome limits(Site site, Outcome judged, Duration took, Integer tlsDaysLeft) {
    if (!judged.isUp()) {
      return judged;
    }
    Optional<Duration> maxResponseTime = site.expect().maxResponseTime();
    if (maxResponseTime.isPresent() && took.compareTo(maxResponseTime.get()) > 0) {
      return Outcome.down(
          Reason.SLOW,
          "answered in "
              + took.toMillis()
              + "ms, slower than maxResponseTime "
              + Durations.format(maxResponseTime.get()));
    }
    Optional<Integer> minDaysLeft = site.expect().tlsMinDaysLeft();
    if (minDaysLeft.isPresent() && tlsDaysLeft != null && tlsDaysLeft < minDaysLeft.get()) {
      return Outcome.down(
          Reason.TLS_EXPIRING,
          "certificate expires in "
              + tlsDaysLeft
              + (tlsDaysLeft == 1 ? " day" : " days")
              + ", fewer than minDaysLeft "
              + minDaysLeft.get());
    }
    return judged;
  }

  /** Whether a quick re-probe could change the outcome: an expiring certificate will not. */
  static boolean worthRetrying(Outcome outcome) {
    return !outcome.isUp() && outcome.reason() != Reason.TLS_EXPIRING;
  }
}
