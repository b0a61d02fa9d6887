package org.sitewatch.persister.history;

import java.time.Instant;

/**
 * A site's alert state: UP or DOWN as its thresholds decided, since when, and its open incident.
 *
 * @param state UP or DOWN
 * @param since when it took that state
 * @param incidentId the open incident while DOWN, else null
 */
public record AlertView(String state, Instant since, Long incidentId) {}
