package org.sitewatch.persister.uptime;

import java.time.Instant;

/** One hourly or daily rollup row of a site: its checks, those UP, their durations. */
record Rollup(
    Instant start, long checks, long checksUp, long durationMicros, DurationHistogram durations) {}
