package org.sitewatch.checker.site;

import static org.sitewatch.checker.site.SiteRules.require;

import java.net.URI;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.sitewatch.common.CheckResult;
import org.sitewatch.common.catalog.AlertPolicy;
import org.sitewatch.common.catalog.MaintenanceWindow;

/**
 * One site to probe, as read from the sites file: immutable, valid by construction, and equal to
 * another when every value is, so that the sites of a reloaded file can be compared with the
 * running ones to find what changed.
 *
 * @param id unique among the sites of a file, 1-200 of {@code A-Z a-z 0-9 . _ -}
 * @param name a human-readable name
 * @param request what a probe sends
 * @param schedule when it is probed; the maximum response time is shorter than its timeout
 * @param expect what counts as UP
 * @param redirects whether and how far redirects are followed
 * @param retries attempts made again at once after a DOWN one before reporting DOWN; every attempt
 *     fits in the interval
 * @param labels free-form labels carried into every result; unmodifiable, sorted by key
 * @param alerts when and where its changes of state are notified (the persister decides them)
 * @param maintenance the windows in which its notifications are held back
 */
public record Site(
    String id,
    String name,
    Request request,
    Schedule schedule,
    Expectation expect,
    RedirectPolicy redirects,
    int retries,
    Map<String, String> labels,
    AlertPolicy alerts,
    List<MaintenanceWindow> maintenance) {

  public static final int MAX_ID_LENGTH = CheckResult.MAX_SITE_ID_LENGTH;
  public static final int MAX_URL_LENGTH = CheckResult.MAX_URL_LENGTH;
  public static final int MAX_RETRIES = CheckResult.MAX_ATTEMPTS - 1;

  public Site {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(request, "request");
    Objects.requireNonNull(schedule, "schedule");
    Objects.requireNonNull(expect, "expect");
    Objects.requireNonNull(redirects, "redirects");
    Objects.requireNonNull(labels, "labels");
    Objects.requireNonNull(alerts, "alerts");
    require(SiteRules.idProblem(id));
    require(SiteRules.nameProblem(name));
    expect
        .maxResponseTime()
        .ifPresent(max -> require(SiteRules.maxResponseTimeProblem(max, schedule.timeout())));
    require(SiteRules.retriesProblem(retries));
    require(SiteRules.retriesFitProblem(retries, schedule.timeout(), schedule.interval()));
    require(CheckResult.labelsProblem(labels));
    labels = Collections.unmodifiableMap(new TreeMap<>(labels));
    maintenance = List.copyOf(maintenance);
  }

  /** How many attempts a probe may make: the first and its retries. */
  public int maxAttempts() {
    return retries + 1;
  }

  /**
   * A GET of the URL with every other value at its default; the id is derived from the URL as the
   * sites file does.
   */
  public static Site of(URI url) {
    String id = SiteIds.fromUrl(url);
    return new Site(
        id,
        id,
        Request.get(url),
        Schedule.DEFAULT,
        Expectation.DEFAULT,
        RedirectPolicy.DEFAULT,
        0,
        Map.of(),
        AlertPolicy.DEFAULT,
        List.of());
  }
}
