package org.sitewatch.persister.uptime;

import java.time.Instant;

/** A site's latest result took another status ({@code from} is null for its first result). */
public record StateChangeView(Instant at, String from, String to) {}
