package org.sitewatch.persister.uptime;

import java.time.LocalDate;

/** A site's checks on one UTC day and the percentage UP (null without checks). */
public record DayView(LocalDate day, long checks, Double uptime) {}
