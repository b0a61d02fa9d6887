package org.sitewatch.persister.uptime;

import java.time.LocalDate;
import java.util.List;

/**
 * A site's last UTC days, the first on {@code from} and today last: per day its checks and the
 * percentage UP (null without checks). Two arrays rather than an object per day keep a page of a
 * thousand sites with 90 days each small to send and quick to read.
 */
public record DailyView(LocalDate from, List<Long> checks, List<Double> uptime) {}
