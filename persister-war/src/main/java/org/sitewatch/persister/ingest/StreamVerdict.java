package org.sitewatch.persister.ingest;

/**
 * Whether the incoming results stream is dead, for health checks.
 *
 * @param reason why it is dead, or null while it is not
 */
public record StreamVerdict(boolean dead, String reason) {

  static final StreamVerdict ALIVE = new StreamVerdict(false, null);
}
