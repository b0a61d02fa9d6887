package org.sitewatch.persister.alert;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.sitewatch.common.CheckResult;
import org.sitewatch.common.Outcome;
import org.sitewatch.common.Outcome.Status;
import org.sitewatch.common.Reason;
import org.sitewatch.common.catalog.AlertPolicy;
import org.sitewatch.common.catalog.MaintenanceWindow;

class AlertMachineTest {

  private static final Instant T0 = Instant.parse("2026-12-04T10:00:00Z");

  private final SiteAlert alert = new SiteAlert("shop");
  private final List<Notice> notices = new ArrayList<>();
  private int probes;

  @Test
  void opensAnIncidentAtTheFailureThresholdFromTheFirstDownResult() {
    AlertMachine machine = machine(policy(3, 2, true, null), List.of());
    apply(machine, "UP", "DOWN", "DOWN");
    assertEquals(Status.UP, alert.state);
    assertTrue(notices.isEmpty());

    apply(machine, "DOWN");
    assertEquals(Status.DOWN, alert.state);
    assertEquals(at(1), alert.since);
    Notice down = notices.get(0);
    assertEquals(NoticeKind.DOWN, down.kind());
    assertEquals(at(3), down.result().startedAt());
    assertEquals(at(1), down.incident().openedAt());
    assertEquals(3, down.incident().resultsSeen());
    assertEquals(Reason.TIMEOUT, down.incident().firstReason());
    assertEquals(Optional.empty(), down.heldUntil());
  }

  @Test
  void aNewSiteIsUpSinceItsFirstResult() {
    AlertMachine machine = machine(policy(3, 2, true, null), List.of());
    apply(machine, "DOWN");
    assertEquals(Status.UP, alert.state);
    assertEquals(at(0), alert.since);
  }

  @Test
  void anUpResultInTheRunStartsTheCountAgain() {
    AlertMachine machine = machine(policy(3, 2, true, null), List.of());
    apply(machine, "DOWN", "DOWN", "UP", "DOWN", "DOWN");
    assertEquals(Status.UP, alert.state);
    assertTrue(notices.isEmpty());
  }

  @Test
  void resolvesAtTheSuccessThresholdAndCountsEveryResultSeen() {
    AlertMachine machine = machine(policy(1, 2, true, null), List.of());
    apply(machine, "DOWN", "DOWN", "UP", "DOWN", "UP", "UP");
    assertEquals(Status.UP, alert.state);
    assertEquals(at(4), alert.since);
    assertEquals(List.of(NoticeKind.DOWN, NoticeKind.RESOLVED), kinds());
    Incident incident = notices.get(1).incident();
    assertEquals(Optional.of(at(4)), incident.resolvedAt());
    assertEquals(6, incident.resultsSeen());
    assertNull(alert.incident);
  }

  @Test
  void sendResolvedFalseResolvesSilently() {
    AlertMachine machine = machine(policy(1, 1, false, null), List.of());
    apply(machine, "DOWN", "UP");
    assertEquals(List.of(NoticeKind.DOWN), kinds());
    assertEquals(Status.UP, alert.state);
  }

  @Test
  void remindsEveryPeriodWhileDown() {
    AlertMachine machine = machine(policy(1, 1, true, Duration.ofMinutes(2)), List.of());
    apply(machine, "DOWN", "DOWN", "DOWN", "DOWN", "DOWN", "DOWN");
    assertEquals(List.of(NoticeKind.DOWN, NoticeKind.REMINDER, NoticeKind.REMINDER), kinds());
    assertEquals(1, notices.get(1).reminder());
    assertEquals(at(2), notices.get(1).result().startedAt());
    assertEquals(2, notices.get(2).reminder());
    assertEquals(at(4), notices.get(2).result().startedAt());
  }

  @Test
  void anOlderResultIsLeftOut() {
    AlertMachine machine = machine(policy(1, 1, true, null), List.of());
    apply(machine, "UP");
    machine.apply(alert, result(-5, "DOWN"), notices::add);
    assertEquals(Status.UP, alert.state);
    assertTrue(notices.isEmpty());
  }

  @Test
  void aWindowHoldsTheNoticeUntilItsEnd() {
    Instant end = at(10);
    MaintenanceWindow window =
        new MaintenanceWindow(at(0), Duration.between(at(0), end), Optional.empty());
    AlertMachine machine = machine(policy(1, 1, true, Duration.ofMinutes(1)), List.of(window));
    apply(machine, "DOWN", "DOWN", "DOWN");
    assertEquals(List.of(NoticeKind.DOWN), kinds(), "no reminders within the window");
    assertEquals(Optional.of(end), notices.get(0).heldUntil());
  }

  private void apply(AlertMachine machine, String... statuses) {
    for (String status : statuses) {
      machine.apply(alert, result(probes++, status), notices::add);
    }
  }

  private List<NoticeKind> kinds() {
    return notices.stream().map(Notice::kind).toList();
  }

  private static AlertMachine machine(AlertPolicy policy, List<MaintenanceWindow> windows) {
    return new AlertMachine(policy, windows, Optional.empty());
  }

  /** Each result from {@code location} at the next minute; sites probed every minute. */
  private void from(AlertMachine machine, String location, String... statuses) {
    for (String status : statuses) {
      machine.apply(
          alert, result(probes++, status).probedBy("c-" + location, location), notices::add);
    }
  }

  private static AlertMachine everyMinute(int failure, int success, int minLocations) {
    return new AlertMachine(
        new AlertPolicy(List.of(), failure, success, true, Optional.empty(), minLocations),
        List.of(),
        Optional.of(Duration.ofMinutes(1)));
  }

  @Test
  void eachLocationCountsItsOwnRunSoInterleavedResultsStillDecide() {
    AlertMachine machine = everyMinute(2, 2, 1);
    from(machine, "eu", "DOWN");
    from(machine, "us", "UP");
    from(machine, "eu", "DOWN");
    assertEquals(Status.DOWN, alert.state, "eu decided DOWN between us's UP results");
    assertEquals(at(0), alert.since);
    assertEquals(List.of(NoticeKind.DOWN), kinds());
  }

  @Test
  void minLocationsKeepsASiteUpWhileOnlyOneLocationSeesItDown() {
    AlertMachine machine = everyMinute(2, 1, 2);
    from(machine, "eu", "DOWN", "DOWN", "DOWN");
    from(machine, "us", "UP");
    from(machine, "eu", "DOWN");
    assertEquals(Status.UP, alert.state, "one of two locations is not enough");
    assertTrue(notices.isEmpty());

    from(machine, "us", "DOWN", "DOWN");
    assertEquals(Status.DOWN, alert.state, "the second location makes it DOWN");
    assertEquals(at(5), alert.since, "from the deciding location's first DOWN");
    assertEquals(at(5), notices.get(0).incident().openedAt());

    from(machine, "eu", "UP");
    assertEquals(Status.UP, alert.state, "one location seeing it UP is one DOWN too few");
    assertEquals(List.of(NoticeKind.DOWN, NoticeKind.RESOLVED), kinds());
  }

  @Test
  void aSilentLocationNoLongerCountsButItsSilenceAloneChangesNothing() {
    AlertMachine machine = everyMinute(1, 1, 2);
    from(machine, "eu", "DOWN");
    from(machine, "us", "DOWN");
    assertEquals(Status.DOWN, alert.state);

    from(machine, "eu", "DOWN", "DOWN", "DOWN", "DOWN", "DOWN");
    assertEquals(Status.DOWN, alert.state, "us fell silent: no RESOLVED for that");
    assertEquals(List.of(NoticeKind.DOWN), kinds());

    from(machine, "eu", "UP", "DOWN");
    assertEquals(List.of(NoticeKind.DOWN, NoticeKind.RESOLVED), kinds());
    assertEquals(Status.UP, alert.state, "eu alone, us silent for minutes, is one too few");

    from(machine, "us", "DOWN");
    assertEquals(Status.DOWN, alert.state, "us back, still DOWN: two locations again");
  }

  @Test
  void aLocationsOwnOlderResultIsLeftOutButAnotherLocationsIsNot() {
    AlertMachine machine = everyMinute(1, 1, 1);
    from(machine, "eu", "UP", "UP");
    machine.apply(alert, result(0, "DOWN").probedBy("c-eu", "eu"), notices::add);
    assertEquals(Status.UP, alert.state, "eu's own older result");

    machine.apply(alert, result(0, "DOWN").probedBy("c-us", "us"), notices::add);
    assertEquals(Status.DOWN, alert.state, "us's first result, older than eu's latest");
  }

  private static AlertPolicy policy(int failure, int success, boolean resolved, Duration remind) {
    return new AlertPolicy(List.of(), failure, success, resolved, Optional.ofNullable(remind));
  }

  private static Instant at(int minute) {
    return T0.plus(Duration.ofMinutes(minute));
  }

  private static CheckResult result(int minute, String status) {
    Outcome outcome =
        status.equals("UP") ? Outcome.up() : Outcome.down(Reason.TIMEOUT, "no answer in 10 s");
    return new CheckResult(
        UUID.randomUUID(),
        "shop",
        "https://shop.example",
        at(minute),
        Duration.ofMillis(120),
        status.equals("UP") ? 200 : null,
        null,
        outcome,
        1,
        null,
        Map.of(),
        null);
  }
}
