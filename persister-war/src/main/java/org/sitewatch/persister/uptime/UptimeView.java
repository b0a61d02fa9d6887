package org.sitewatch.persister.uptime;

import java.time.Instant;
import java.util.List;

/** A site's uptime over a window, its response times and its changes of state in it. */
public record UptimeView(
    String siteId,
    String window,
    Instant from,
    Instant to,
    long checks,
    long checksUp,
    Double uptime,
    ResponseTimeView responseTimeMs,
    List<StateChangeView> stateChanges) {}
