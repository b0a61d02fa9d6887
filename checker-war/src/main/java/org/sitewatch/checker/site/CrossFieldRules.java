package org.sitewatch.checker.site;

import static org.sitewatch.checker.site.YamlTree.child;

import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import org.sitewatch.support.duration.Durations;
import tools.jackson.databind.JsonNode;

/**
 * The rules across fields, on a site with its defaults applied: a timeout within the interval, a
 * maxResponseTime shorter than the timeout, retries that fit the interval, a body only for a method
 * that sends one. A problem is reported at the site's own field, or else at the defaults' field the
 * site took it from.
 */
final class CrossFieldRules {

  private final YamlTree tree;
  private final Problems problems;

  CrossFieldRules(YamlTree tree, Problems problems) {
    this.tree = tree;
    this.problems = problems;
  }

  /** The defaults' own timeout within their (or the built-in) interval, reported once. */
  void checkDefaults(JsonNode defaults) {
    if (!defaults.has("timeout")
        || problems.within("defaults.timeout")
        || problems.within("defaults.interval")) {
      return;
    }
    Duration timeout = Durations.parse(defaults.get("timeout").asString());
    Duration interval =
        defaults.has("interval")
            ? Durations.parse(defaults.get("interval").asString())
            : Schedule.DEFAULT_INTERVAL;
    if (timeout.compareTo(interval) > 0) {
      problems.at(
          "defaults.timeout",
          exceeds(timeout, interval)
              + (defaults.has("interval")
                  ? ""
                  : " (the built-in default): set a longer defaults.interval too"));
    }
  }

  /**
   * @param site the site's own fields
   * @return whether the site obeys every rule
   */
  boolean check(String path, SiteSpec spec, JsonNode site) {
    Duration interval = spec.intervalOrDefault();
    Duration timeout = spec.timeoutOrDefault();
    if (timeout.compareTo(interval) > 0) {
      reportTimeoutTooLong(path, spec, site);
      return false;
    }
    String method = spec.methodOrDefault().toUpperCase(Locale.ROOT);
    return check(
            path,
            site,
            "body",
            Optional.ofNullable(spec.body()).flatMap(body -> SiteRules.bodyProblem(method, body)))
        & check(
            path,
            site,
            "expect.maxResponseTime",
            spec.maxResponseTime().flatMap(max -> SiteRules.maxResponseTimeProblem(max, timeout)))
        & check(
            path,
            site,
            "retries",
            SiteRules.retriesFitProblem(spec.retriesOrDefault(), timeout, interval));
  }

  /** When the defaults alone are to blame, they were reported once, at the defaults. */
  private void reportTimeoutTooLong(String path, SiteSpec spec, JsonNode site) {
    if (site.has("timeout")) {
      problems.at(
          child(path, "timeout"),
          exceeds(spec.timeoutOrDefault(), spec.intervalOrDefault())
              + (site.has("interval")
                  ? ""
                  : tree.root().path("defaults").has("interval")
                      ? " set in defaults (line " + tree.line("defaults.interval") + ")"
                      : " (the built-in default)"));
    } else if (site.has("interval")) {
      problems.at(
          child(path, "interval"),
          "interval %s is shorter than the timeout %s set in defaults (line %d): set a shorter timeout for this site"
              .formatted(
                  Durations.format(spec.intervalOrDefault()),
                  Durations.format(spec.timeoutOrDefault()),
                  tree.line("defaults.timeout")));
    }
  }

  /**
   * @return whether there was no problem
   */
  private boolean check(String path, JsonNode site, String field, Optional<String> problem) {
    if (problem.isEmpty()) {
      return true;
    }
    if (!site.at("/" + field.replace('.', '/')).isMissingNode()) {
      problems.at(path + "." + field, problem.get());
    } else {
      problems.at(
          "defaults." + field,
          problem.get() + " (for " + path + ", which takes it from the defaults)");
    }
    return false;
  }

  private static String exceeds(Duration timeout, Duration interval) {
    return SiteRules.timeoutProblem(timeout, interval).orElseThrow();
  }
}
