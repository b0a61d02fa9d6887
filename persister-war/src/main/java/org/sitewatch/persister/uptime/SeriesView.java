package org.sitewatch.persister.uptime;

import java.util.List;

/** A site's uptime and response time per step over a window, oldest first, for charts. */
public record SeriesView(String siteId, String window, String step, List<PointView> points) {}
