package org.sitewatch.checker.metrics;

import org.eclipse.microprofile.metrics.Tag;
import org.sitewatch.common.Outcome;

/**
 * The tags of a probe's aggregate series: its status and its reason ({@code none} when UP). Both
 * come from closed enums, so the series stay a few dozen whatever the number of sites.
 */
final class ProbeTags {

  static final String NO_REASON = "none";

  private ProbeTags() {}

  static Tag[] of(Outcome outcome) {
    String reason = outcome.reason() == null ? NO_REASON : outcome.reason().name();
    return new Tag[] {new Tag("outcome", outcome.status().name()), new Tag("reason", reason)};
  }
}
