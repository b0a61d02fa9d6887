package org.sitewatch.persister.alert;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.sitewatch.common.CheckResult;
import org.sitewatch.common.Outcome.Status;
import org.sitewatch.common.catalog.AlertPolicy;
import org.sitewatch.common.catalog.MaintenanceWindow;

/**
 * A site's alert state machine over its results in probe order. Each location decides on its own
 * results: UP turns DOWN after {@code failureThreshold} DOWN results in a row, DOWN turns UP after
 * {@code successThreshold} UP results in a row. The site is DOWN, with an incident open, while at
 * least {@code minLocations} locations say DOWN, so one location's network trouble pages nobody. A
 * location that has sent no result for {@link #STALE_INTERVALS} intervals no longer counts, but its
 * silence alone changes nothing: the site changes state only when a location decides (or speaks
 * again). With one location the site follows it. Each location's results older than the last one it
 * applied are left out, so redelivered or late results cannot move the state backwards.
 */
final class AlertMachine {

  /** How many of the site's intervals a location may be silent and still count. */
  static final int STALE_INTERVALS = 3;

  private final AlertPolicy policy;
  private final List<MaintenanceWindow> maintenance;
  private final Optional<Duration> staleAfter;

  /**
   * @param interval the site's interval; empty when unknown, and then no location goes stale
   */
  AlertMachine(
      AlertPolicy policy, List<MaintenanceWindow> maintenance, Optional<Duration> interval) {
    this.policy = policy;
    this.maintenance = maintenance;
    this.staleAfter = interval.map(every -> every.multipliedBy(STALE_INTERVALS));
  }

  /**
   * Applies {@code result} to {@code alert}, handing each notification it decides to {@code out}.
   */
  void apply(SiteAlert alert, CheckResult result, Consumer<Notice> out) {
    LocationRun location =
        alert.locations.computeIfAbsent(result.location(), name -> new LocationRun());
    if (!location.isNewer(result)) {
      return;
    }
    if (alert.since == null) {
      alert.since = result.startedAt();
    }
    if (alert.incident != null) {
      alert.incident.see(result);
    }
    Status status = result.outcome().status();
    boolean back = location.lastResultAt != null && stale(location, result.startedAt());
    boolean decided = false;
    if (status == location.verdict) {
      location.endRun();
    } else {
      int threshold = status == Status.DOWN ? policy.failureThreshold() : policy.successThreshold();
      decided = location.count(result, threshold);
      if (decided) {
        location.verdict = status;
      }
    }
    location.lastResultAt = result.startedAt();
    location.lastResultId = result.id();
    if (alert.lastResultAt == null || result.startedAt().isAfter(alert.lastResultAt)) {
      alert.lastResultAt = result.startedAt();
      alert.lastResultId = result.id();
    }
    long down = decided || back ? locationsDown(alert, result.startedAt()) : -1;
    if (alert.state == Status.UP && down >= policy.minLocations()) {
      open(alert, location, result, out);
    } else if (alert.state == Status.DOWN && down >= 0 && down < policy.minLocations()) {
      resolve(alert, location, result, out);
    } else if (alert.state == Status.DOWN && status == Status.DOWN) {
      remindIfDue(alert, result, out);
    }
    if (decided) {
      location.endRun();
    }
  }

  private long locationsDown(SiteAlert alert, Instant now) {
    return alert.locations.values().stream()
        .filter(run -> run.verdict == Status.DOWN && !stale(run, now))
        .count();
  }

  private boolean stale(LocationRun run, Instant now) {
    return staleAfter.isPresent() && run.lastResultAt.isBefore(now.minus(staleAfter.get()));
  }

  private void open(
      SiteAlert alert, LocationRun deciding, CheckResult result, Consumer<Notice> out) {
    Instant started = runStart(deciding, result);
    alert.incident =
        Incident.open(
            alert.siteId,
            started,
            deciding.runStartedAt == null ? result.outcome().reason() : deciding.runReason,
            deciding.runStartedAt == null ? result.outcome().message() : deciding.runMessage,
            result,
            Math.max(1, deciding.consecutive));
    turn(alert, Status.DOWN, started);
    alert.reminders = 0;
    alert.toldAt = result.startedAt();
    out.accept(new Notice(alert.incident, NoticeKind.DOWN, 0, result, heldUntil(result)));
  }

  private void resolve(
      SiteAlert alert, LocationRun deciding, CheckResult result, Consumer<Notice> out) {
    Incident incident = alert.incident;
    Instant started = runStart(deciding, result);
    incident.resolve(started);
    turn(alert, Status.UP, started);
    alert.incident = null;
    alert.reminders = 0;
    alert.toldAt = null;
    if (policy.sendResolved()) {
      out.accept(new Notice(incident, NoticeKind.RESOLVED, 0, result, heldUntil(result)));
    }
  }

  /** Where the change began: the deciding run's first result, else this one (a location gone). */
  private static Instant runStart(LocationRun deciding, CheckResult result) {
    return deciding.runStartedAt == null ? result.startedAt() : deciding.runStartedAt;
  }

  /**
   * Reminders are not sent during maintenance at all: the window's end tells what is still DOWN.
   */
  private void remindIfDue(SiteAlert alert, CheckResult result, Consumer<Notice> out) {
    if (policy.remindEvery().isEmpty() || alert.incident == null || alert.toldAt == null) {
      return;
    }
    if (result.startedAt().isBefore(alert.toldAt.plus(policy.remindEvery().get()))) {
      return;
    }
    if (heldUntil(result).isPresent()) {
      return;
    }
    alert.reminders++;
    alert.toldAt = result.startedAt();
    out.accept(
        new Notice(alert.incident, NoticeKind.REMINDER, alert.reminders, result, Optional.empty()));
  }

  private static void turn(SiteAlert alert, Status state, Instant since) {
    alert.state = state;
    alert.since = since;
  }

  private Optional<Instant> heldUntil(CheckResult result) {
    return MaintenanceWindows.endCovering(maintenance, result.startedAt());
  }
}
