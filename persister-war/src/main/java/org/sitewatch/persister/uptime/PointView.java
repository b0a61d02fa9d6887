package org.sitewatch.persister.uptime;

import java.time.Instant;

/** One step of a series; a step without checks has null figures. */
public record PointView(Instant at, long checks, Double uptime, Double avgMs, Double p95Ms) {}
