package org.sitewatch.persister.uptime;

import java.util.Map;

/** How many sites there are, and how many in each state. */
public record SummaryView(long sites, Map<String, Long> byState) {}
