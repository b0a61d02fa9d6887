package org.sitewatch.persister.alert;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.sitewatch.common.CheckResult;
import org.sitewatch.common.Outcome.Status;
import org.sitewatch.common.catalog.AlertPolicy;
import org.sitewatch.common.catalog.MaintenanceWindow;

/**
 * A site's alert state machine over its results in probe order: UP turns DOWN after {@code
 * failureThreshold} DOWN results in a row, opening an incident; DOWN turns UP after {@code
 * successThreshold} UP results in a row, resolving it. Results older than the last one applied are
 * left out, so redelivered or late results cannot move the state backwards.
 */
final class AlertMachine {

  private final AlertPolicy policy;
  private final List<MaintenanceWindow> maintenance;

  AlertMachine(AlertPolicy policy, List<MaintenanceWindow> maintenance) {
    this.policy = policy;
    this.maintenance = maintenance;
  }

  /**
   * Applies {@code result} to {@code alert}, handing each notification it decides to {@code out}.
   */
  void apply(SiteAlert alert, CheckResult result, Consumer<Notice> out) {
    if (alert.lastResultAt != null && !isNewer(result, alert)) {
      return;
    }
    if (alert.since == null) {
      alert.since = result.startedAt();
    }
    Status status = result.outcome().status();
    if (alert.incident != null) {
      alert.incident.see(result);
    }
    if (status == alert.state) {
      alert.consecutive = 0;
      alert.runStartedAt = null;
      alert.runReason = null;
      alert.runMessage = null;
      if (status == Status.DOWN) {
        remindIfDue(alert, result, out);
      }
    } else {
      if (alert.consecutive++ == 0) {
        alert.runStartedAt = result.startedAt();
        alert.runReason = result.outcome().reason();
        alert.runMessage = result.outcome().message();
      }
      if (status == Status.DOWN && alert.consecutive >= policy.failureThreshold()) {
        open(alert, result, out);
      } else if (status == Status.UP && alert.consecutive >= policy.successThreshold()) {
        resolve(alert, result, out);
      }
    }
    alert.lastResultAt = result.startedAt();
    alert.lastResultId = result.id();
  }

  private void open(SiteAlert alert, CheckResult result, Consumer<Notice> out) {
    alert.incident =
        Incident.open(
            alert.siteId,
            alert.runStartedAt,
            alert.runReason,
            alert.runMessage,
            result,
            alert.consecutive);
    turn(alert, Status.DOWN);
    alert.reminders = 0;
    alert.toldAt = result.startedAt();
    out.accept(new Notice(alert.incident, NoticeKind.DOWN, 0, result, heldUntil(result)));
  }

  private void resolve(SiteAlert alert, CheckResult result, Consumer<Notice> out) {
    Incident incident = alert.incident;
    incident.resolve(alert.runStartedAt);
    turn(alert, Status.UP);
    alert.incident = null;
    alert.reminders = 0;
    alert.toldAt = null;
    if (policy.sendResolved()) {
      out.accept(new Notice(incident, NoticeKind.RESOLVED, 0, result, heldUntil(result)));
    }
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

  private static void turn(SiteAlert alert, Status state) {
    alert.state = state;
    alert.since = alert.runStartedAt;
    alert.consecutive = 0;
    alert.runStartedAt = null;
    alert.runReason = null;
    alert.runMessage = null;
  }

  private Optional<Instant> heldUntil(CheckResult result) {
    return MaintenanceWindows.endCovering(maintenance, result.startedAt());
  }

  private static boolean isNewer(CheckResult result, SiteAlert alert) {
    int byTime = result.startedAt().compareTo(alert.lastResultAt);
    return byTime > 0
        || (byTime == 0 && ProbeOrder.compareIds(result.id(), alert.lastResultId) > 0);
  }
}
