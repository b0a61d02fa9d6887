package org.sitewatch.persister.history;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.sitewatch.persister.uptime.DailyView;

/**
 * A site as the API shows it: its state and since when, its latest result, its alert state, its
 * uptime over the last 24h, 7d and 30d (percent, null without checks) and, when asked for, its
 * daily uptime. {@code state} is its latest result's; {@code alert} is the state its thresholds
 * decided, the one notified.
 */
public record SiteView(
    String siteId,
    String name,
    String url,
    Map<String, String> labels,
    String state,
    Instant stateSince,
    UUID lastResultId,
    Instant lastCheckedAt,
    String status,
    String reason,
    String message,
    Integer httpStatus,
    BigDecimal durationMs,
    AlertView alert,
    Map<String, Double> uptime,
    DailyView daily) {}
