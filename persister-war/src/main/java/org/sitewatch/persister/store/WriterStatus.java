package org.sitewatch.persister.store;

import java.time.Instant;

/**
 * What the batch writer is doing, for health checks and metrics.
 *
 * @param running whether its thread is alive
 * @param pending results accepted but not yet committed
 * @param duplicateRefusals failed writes of a batch that the database refused as duplicates, which
 *     idempotent storage must make impossible
 * @param lastCommitAt when a batch last committed, or null
 * @param lastError why the last attempt failed, or null once one succeeded after it
 */
public record WriterStatus(
    boolean running, int pending, long duplicateRefusals, Instant lastCommitAt, String lastError) {

  /** True while the last attempt to write failed: the database does not take results now. */
  public boolean failing() {
    return lastError != null;
  }
}
