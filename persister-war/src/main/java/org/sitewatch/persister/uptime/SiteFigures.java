package org.sitewatch.persister.uptime;

import java.util.Map;

/** What a list of sites shows of each one's rollups: uptime per window, and its daily uptime. */
public record SiteFigures(Map<String, Double> uptime, DailyView daily) {}
