package org.sitewatch.checker.site;

import static org.sitewatch.checker.site.YamlTree.child;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.sitewatch.common.catalog.MaintenanceWindow;
import org.sitewatch.support.duration.Durations;
import org.sitewatch.support.text.MessageText;
import tools.jackson.databind.JsonNode;

/**
 * The {@code maintenance} section: each window's start, duration and recurrence, and which sites it
 * covers. A window covers a site when every criterion its {@code match} gives holds: the site has
 * all its labels, and its id is one of its sites.
 */
final class MaintenanceRules {

  static final Duration MIN_DURATION = Duration.ofMinutes(1);

  /** A valid window and what it matches; empty criteria are not given. */
  private record Window(
      String path, Map<String, String> labels, List<String> sites, MaintenanceWindow window) {

    boolean covers(String id, Map<String, String> siteLabels) {
      return siteLabels.entrySet().containsAll(labels.entrySet())
          && (sites.isEmpty() || sites.contains(id));
    }
  }

  private final Problems problems;
  private final List<Window> windows = new ArrayList<>();

  /** Checks every window of the section. */
  MaintenanceRules(YamlTree tree, Problems problems) {
    this.problems = problems;
    JsonNode list = tree.root().path("maintenance");
    for (int i = 0; list.isArray() && i < list.size(); i++) {
      String path = YamlTree.item("maintenance", i);
      if (list.get(i).isObject() && !problems.within(path)) {
        check(path, list.get(i)).ifPresent(windows::add);
      }
    }
  }

  /** The windows that cover the site, in the file's order. */
  List<MaintenanceWindow> covering(String id, Map<String, String> labels) {
    return windows.stream().filter(w -> w.covers(id, labels)).map(Window::window).toList();
  }

  /** Every site a window names must be one of the file's. */
  void checkSites(Set<String> ids) {
    for (Window window : windows) {
      for (int j = 0; j < window.sites().size(); j++) {
        String id = window.sites().get(j);
        if (!ids.contains(id)) {
          problems.at(
              YamlTree.item(child(child(window.path(), "match"), "sites"), j),
              "unknown site \"%s\": no site of the file has this id"
                  .formatted(MessageText.printable(id)));
        }
      }
    }
  }

  private Optional<Window> check(String path, JsonNode window) {
    Optional<Instant> start = start(child(path, "start"), window.get("start").asString());
    Optional<Duration> duration =
        duration(child(path, "duration"), window.get("duration"))
            .filter(d -> reported(child(path, "duration"), durationProblem(d)));
    if (duration.isEmpty()) {
      return Optional.empty();
    }
    Optional<Duration> every = Optional.empty();
    if (window.has("every")) {
      every =
          duration(child(path, "every"), window.get("every"))
              .filter(e -> reported(child(path, "every"), everyProblem(e, duration.get())));
      if (every.isEmpty()) {
        return Optional.empty();
      }
    }
    if (start.isEmpty()) {
      return Optional.empty();
    }
    JsonNode match = window.get("match");
    Map<String, String> labels = new LinkedHashMap<>();
    match.path("labels").properties().forEach(l -> labels.put(l.getKey(), l.getValue().asString()));
    List<String> sites = match.path("sites").valueStream().map(JsonNode::asString).toList();
    return Optional.of(
        new Window(path, labels, sites, new MaintenanceWindow(start.get(), duration.get(), every)));
  }

  private Optional<Instant> start(String path, String text) {
    try {
      return Optional.of(
          OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant());
    } catch (DateTimeParseException e) {
      problems.at(
          path,
          MessageText.quote(text)
              + " is not an RFC 3339 timestamp with an offset, e.g. 2026-12-24T22:00:00Z or"
              + " 2026-12-24T23:00:00+01:00");
      return Optional.empty();
    }
  }

  /** The duration, or empty when it is not one (reported). */
  private Optional<Duration> duration(String path, JsonNode value) {
    try {
      return Optional.of(Durations.parse(value.asString()));
    } catch (IllegalArgumentException e) {
      problems.at(path, e.getMessage());
      return Optional.empty();
    }
  }

  /** Whether there is no problem; one there is, is reported. */
  private boolean reported(String path, Optional<String> problem) {
    problem.ifPresent(message -> problems.at(path, message));
    return problem.isEmpty();
  }

  private static Optional<String> durationProblem(Duration duration) {
    return SiteRules.calendarDurationProblem("duration", duration, MIN_DURATION);
  }

  private static Optional<String> everyProblem(Duration every, Duration duration) {
    if (every.compareTo(duration) <= 0) {
      return Optional.of(
          "every %s is not longer than the duration %s: each occurrence must end before the next"
              .formatted(Durations.format(every), Durations.format(duration)));
    }
    return SiteRules.calendarDurationProblem("every", every, MIN_DURATION);
  }
}
