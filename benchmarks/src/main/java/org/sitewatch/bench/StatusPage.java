package org.sitewatch.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * {@code status-page}: sites with a month of rollups seeded into the database, then the sites API
 * timed at the status page's two page sizes, then the status page itself loaded in headless
 * Chromium.
 */
final class StatusPage {

  private static final Logger LOG = Logger.getLogger(StatusPage.class.getName());

  private static final int DAILY_DAYS = 30;

  private final BenchStack stack;
  private final Path workDir;
  private final int sites;
  private final int hourlyDays;
  private final int requests;
  private final int pageLoads;

  /**
   * @param hourlyDays days of hourly rollups; the list reads only the last 24 hours of them
   * @param requests measured API requests per page size, after a quarter as many unmeasured
   */
  StatusPage(
      BenchStack stack, Path workDir, int sites, int hourlyDays, int requests, int pageLoads) {
    this.stack = stack;
    this.workDir = workDir;
    this.sites = sites;
    this.hourlyDays = hourlyDays;
    this.requests = requests;
    this.pageLoads = pageLoads;
  }

  String run() throws Exception {
    // Only the seeded sites are on the page.
    stack.control("servers/checker/stop");
    stack.awaitPersisterReady(Duration.ofMinutes(3));
    RollupSeed.seed(stack, sites, hourlyDays, DAILY_DAYS);

    SitesPageTiming api = new SitesPageTiming(stack, sites);
    Percentiles page100 = api.time(100, requests / 4, requests);
    Percentiles page1000 = api.time(1000, requests / 4, requests);

    long[] readyMicros = new long[pageLoads];
    try (StatusPageLoads browser = new StatusPageLoads(workDir)) {
      for (int i = 0; i < pageLoads; i++) {
        StatusPageLoads.Load load = browser.load(stack.persister("/status/").toString());
        LOG.log(
            Level.INFO,
            "Status page load {0}: {1} rows drawn after {2} ms",
            new Object[] {i + 1, load.rows(), load.readyMs()});
        if (load.rows() < sites) {
          throw new IllegalStateException(
              "the status page drew " + load.rows() + " rows, expected " + sites);
        }
        readyMicros[i] = Math.round(load.readyMs() * 1000);
      }
    }
    Percentiles ready = Percentiles.of(readyMicros, pageLoads);
    return String.format(
        Locale.ROOT,
        "sites=%d api_sites_p50_ms=%.1f api_sites_p95_ms=%.1f api_sites_1000_p95_ms=%.1f"
            + " status_page_ready_ms=%.0f status_page_ready_max_ms=%.0f",
        sites,
        page100.p50() / 1000.0,
        page100.p95() / 1000.0,
        page1000.p95() / 1000.0,
        ready.p50() / 1000.0,
        ready.max() / 1000.0);
  }
}
