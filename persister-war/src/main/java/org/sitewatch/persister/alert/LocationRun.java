package org.sitewatch.persister.alert;

import java.time.Instant;
import java.util.UUID;
import org.sitewatch.common.CheckResult;
import org.sitewatch.common.Outcome.Status;
import org.sitewatch.common.Reason;

/**
 * One location's view of a site within its alert state: what its results decided ({@code verdict},
 * by the thresholds) and the run of results towards the other verdict. Each location's results
 * arrive in its own probe order, so each has its own last result.
 */
final class LocationRun {

  Status verdict = Status.UP;
  int consecutive;
  Instant runStartedAt;
  Reason runReason;
  String runMessage;
  Instant lastResultAt;
  UUID lastResultId;

  /** Counts {@code result} towards the other verdict; true when that makes the threshold. */
  boolean count(CheckResult result, int threshold) {
    if (consecutive++ == 0) {
      runStartedAt = result.startedAt();
      runReason = result.outcome().reason();
      runMessage = result.outcome().message();
    }
    return consecutive >= threshold;
  }

  void endRun() {
    consecutive = 0;
    runStartedAt = null;
    runReason = null;
    runMessage = null;
  }

  /** Whether {@code result} comes after the last one this location applied. */
  boolean isNewer(CheckResult result) {
    if (lastResultAt == null) {
      return true;
    }
    int byTime = result.startedAt().compareTo(lastResultAt);
    return byTime > 0 || (byTime == 0 && ProbeOrder.compareIds(result.id(), lastResultId) > 0);
  }
}
