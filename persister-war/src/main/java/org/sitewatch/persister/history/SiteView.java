package org.sitewatch.persister.history;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

/** A site's latest state, as the API shows it. */
public record SiteView(
    String siteId,
    String url,
    UUID lastResultId,
    Instant lastCheckedAt,
    String status,
    String reason,
    String message,
    Integer httpStatus,
    BigDecimal durationMs) {}
