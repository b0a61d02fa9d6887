package org.sitewatch.checker.metrics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import org.eclipse.microprofile.metrics.Tag;
import org.junit.jupiter.api.Test;
import org.sitewatch.common.Outcome;
import org.sitewatch.common.Reason;

class ProbeTagsTest {

  @Test
  void upHasNoReason() {
    assertArrayEquals(
        new Tag[] {new Tag("outcome", "UP"), new Tag("reason", "none")},
        ProbeTags.of(Outcome.up()),
        "an UP probe is tagged outcome=UP, reason=none");
  }

  @Test
  void downIsTaggedByItsReasonNotItsMessage() {
    assertArrayEquals(
        new Tag[] {new Tag("outcome", "DOWN"), new Tag("reason", "TIMEOUT")},
        ProbeTags.of(Outcome.down(Reason.TIMEOUT, "no answer within 5 s from 10.0.0.7")),
        "the message, which varies per site, never becomes a tag");
  }
}
