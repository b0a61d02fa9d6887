package org.sitewatch.persister.alert;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Collectors;
import org.sitewatch.common.CheckResult;
import org.sitewatch.common.Outcome.Status;
import org.sitewatch.common.Reason;
import org.sitewatch.common.catalog.AlertChannel;
import org.sitewatch.common.catalog.AlertPolicy;
import org.sitewatch.common.catalog.SiteDefinition;
import org.sitewatch.persister.jdbc.BatchColumn;

/**
 * Decides the alert state of a batch's sites in the transaction that stores the batch: reads their
 * state (locking it), runs each site's {@link AlertMachine} over the results the batch actually
 * inserted, and writes the new state, the incidents and the outbox rows. A redelivered result was
 * not inserted, so it is not counted again; a batch that rolls back decided nothing.
 *
 * <p>Over 300 lines: reading, deciding and writing a batch's alert state is one transaction's
 * statements on one connection, whose column lists must agree with each other.
 */
@ApplicationScoped
public class PostgresAlertStore {

  /** Locked in site id order, so concurrent writers (a rebalance's overlap) take them in order. */
  private static final String LOAD_STATES =
      """
      SELECT a.site_id, a.state, a.since, a.locations, a.last_result_at, a.last_result_id,
             a.reminders, a.told_at,
             i.id, i.opened_at, i.first_reason, i.first_message, i.last_reason, i.last_message,
             i.last_result_at, i.results_seen
      FROM site_alert AS a LEFT JOIN incident AS i ON i.id = a.incident_id
      WHERE a.site_id = ANY(?) ORDER BY a.site_id FOR UPDATE OF a""";

  /** What a batch changes in an incident, whether it opened it or found it open. */
  private static final List<BatchColumn<Incident>> INCIDENT_PROGRESS_COLUMNS =
      List.of(
          new BatchColumn<>("last_reason", "text", String.class, i -> name(i.lastReason())),
          new BatchColumn<>("last_message", "text", String.class, Incident::lastMessage),
          new BatchColumn<>(
              "last_result_at", "timestamptz", OffsetDateTime.class, i -> utc(i.lastResultAt())),
          new BatchColumn<>("results_seen", "int4", Integer.class, Incident::resultsSeen),
          new BatchColumn<>(
              "resolved_at",
              "timestamptz",
              OffsetDateTime.class,
              i -> i.resolvedAt().map(PostgresAlertStore::utc).orElse(null)));

  private static final List<BatchColumn<Incident>> NEW_INCIDENT_COLUMNS =
      concat(
          List.of(
              new BatchColumn<>("site_id", "text", String.class, Incident::siteId),
              new BatchColumn<>(
                  "opened_at", "timestamptz", OffsetDateTime.class, i -> utc(i.openedAt())),
              new BatchColumn<>("first_reason", "text", String.class, i -> name(i.firstReason())),
              new BatchColumn<>("first_message", "text", String.class, Incident::firstMessage)),
          INCIDENT_PROGRESS_COLUMNS);

  private static final String INSERT_INCIDENTS =
      "INSERT INTO incident (%1$s) SELECT * FROM %2$s RETURNING id, site_id, opened_at"
          .formatted(
              BatchColumn.names(NEW_INCIDENT_COLUMNS), BatchColumn.unnest(NEW_INCIDENT_COLUMNS));

  private static final List<BatchColumn<Incident>> INCIDENT_UPDATE_COLUMNS =
      concat(
          List.of(new BatchColumn<>("id", "int8", Long.class, Incident::id)),
          INCIDENT_PROGRESS_COLUMNS);

  private static final String UPDATE_INCIDENTS =
      "UPDATE incident AS i SET %3$s FROM %2$s AS u(%1$s) WHERE i.id = u.id"
          .formatted(
              BatchColumn.names(INCIDENT_UPDATE_COLUMNS),
              BatchColumn.unnest(INCIDENT_UPDATE_COLUMNS),
              INCIDENT_PROGRESS_COLUMNS.stream()
                  .map(c -> c.name() + " = u." + c.name())
                  .collect(Collectors.joining(", ")));

  private static final List<BatchColumn<SiteAlert>> ALERT_COLUMNS =
      List.of(
          new BatchColumn<>("site_id", "text", String.class, a -> a.siteId),
          new BatchColumn<>("state", "text", String.class, a -> a.state.name()),
          new BatchColumn<>("since", "timestamptz", OffsetDateTime.class, a -> utc(a.since)),
          new BatchColumn<>(
              "locations", "jsonb", String.class, a -> LocationRunsJson.write(a.locations)),
          new BatchColumn<>(
              "last_result_at", "timestamptz", OffsetDateTime.class, a -> utc(a.lastResultAt)),
          new BatchColumn<>("last_result_id", "uuid", UUID.class, a -> a.lastResultId),
          new BatchColumn<>(
              "incident_id", "int8", Long.class, a -> a.incident == null ? null : a.incident.id()),
          new BatchColumn<>("reminders", "int4", Integer.class, a -> a.reminders),
          new BatchColumn<>("told_at", "timestamptz", OffsetDateTime.class, a -> utc(a.toldAt)));

  private static final String UPSERT_ALERTS =
      """
      INSERT INTO site_alert (%1$s) SELECT * FROM %2$s
      ON CONFLICT (site_id) DO UPDATE SET %3$s"""
          .formatted(
              BatchColumn.names(ALERT_COLUMNS),
              BatchColumn.unnest(ALERT_COLUMNS),
              String.join(
                  ", ",
                  ALERT_COLUMNS.stream()
                      .skip(1)
                      .map(c -> c.name() + " = EXCLUDED." + c.name())
                      .toList()));

  /** An outbox row: one notice for one channel. */
  private record OutboxRow(
      Notice notice, AlertChannel channel, String channelJson, String noticeJson) {}

  private static final List<BatchColumn<OutboxRow>> OUTBOX_COLUMNS =
      List.of(
          new BatchColumn<>(
              "idempotency_key", "text", String.class, r -> r.notice().idempotencyKey()),
          new BatchColumn<>("incident_id", "int8", Long.class, r -> r.notice().incident().id()),
          new BatchColumn<>("site_id", "text", String.class, r -> r.notice().incident().siteId()),
          new BatchColumn<>("kind", "text", String.class, r -> r.notice().kind().name()),
          new BatchColumn<>("channel", "text", String.class, r -> r.channel().name()),
          new BatchColumn<>("channel_spec", "jsonb", String.class, OutboxRow::channelJson),
          new BatchColumn<>("notice", "jsonb", String.class, OutboxRow::noticeJson),
          new BatchColumn<>(
              "held_until",
              "timestamptz",
              OffsetDateTime.class,
              r -> r.notice().heldUntil().map(PostgresAlertStore::utc).orElse(null)));

  /** In decision order, so the sender's per-site order (by id) is the order they were decided. */
  private static final String INSERT_OUTBOX =
      """
      INSERT INTO notification (idempotency_key, incident_id, site_id, kind, channel, channel_spec,
                                notice, next_attempt_at)
      SELECT idempotency_key, incident_id, site_id, kind, channel, channel_spec, notice,
             coalesce(held_until, now())
      FROM %2$s WITH ORDINALITY AS n(%1$s, position) ORDER BY position
      ON CONFLICT (idempotency_key, channel) DO NOTHING"""
          .formatted(BatchColumn.names(OUTBOX_COLUMNS), BatchColumn.unnest(OUTBOX_COLUMNS));

  /**
   * A DOWN held by a maintenance window and not sent yet, for an incident that ended within the
   * window: nobody hears of either. A DOWN already due (the window is over) or retrying still goes.
   */
  private static final String SUPPRESS_HELD_DOWN =
      """
      UPDATE notification SET status = 'SUPPRESSED', finished_at = now(),
          last_error = 'the incident ended within the maintenance window that held it'
      WHERE incident_id = ? AND kind = 'DOWN' AND status = 'PENDING' AND attempts = 0
        AND next_attempt_at > ?""";

  @Inject SiteDefinitions definitions;

  /**
   * The catalogue's definitions of the batch's sites (for {@link #decide}, and to mark results
   * taken in maintenance).
   */
  public Map<String, SiteDefinition> sites(Connection connection, List<CheckResult> batch)
      throws SQLException {
    return definitions.of(
        connection, batch.stream().map(CheckResult::siteId).distinct().sorted().toList());
  }

  /**
   * Applies {@code inserted}, the results the batch's insert actually added, to their sites, as
   * {@code sites} define them.
   */
  public void decide(
      Connection connection, List<CheckResult> inserted, Map<String, SiteDefinition> sites)
      throws SQLException {
    if (inserted.isEmpty()) {
      return;
    }
    Map<String, List<CheckResult>> bySite = new TreeMap<>();
    for (CheckResult result : inserted) {
      bySite.computeIfAbsent(result.siteId(), id -> new ArrayList<>()).add(result);
    }
    List<String> siteIds = List.copyOf(bySite.keySet());
    Map<String, SiteAlert> alerts = load(connection, siteIds);

    List<Notice> notices = new ArrayList<>();
    List<Incident> existing = new ArrayList<>();
    for (Map.Entry<String, List<CheckResult>> site : bySite.entrySet()) {
      SiteAlert alert = alerts.computeIfAbsent(site.getKey(), SiteAlert::new);
      if (alert.incident != null) {
        existing.add(alert.incident);
      }
      Optional<SiteDefinition> definition = Optional.ofNullable(sites.get(site.getKey()));
      AlertMachine machine =
          new AlertMachine(
              definition.map(SiteDefinition::alerts).orElse(AlertPolicy.DEFAULT),
              definition.map(SiteDefinition::maintenance).orElse(List.of()),
              definition.map(SiteDefinition::interval));
      List<CheckResult> results = site.getValue();
      results.sort(ProbeOrder.OLDEST_FIRST);
      for (CheckResult result : results) {
        machine.apply(alert, result, notices::add);
      }
    }

    insertIncidents(connection, notices);
    execute(
        connection,
        UPDATE_INCIDENTS,
        INCIDENT_UPDATE_COLUMNS,
        existing.stream().filter(Incident::changed).toList());
    List<Notice> told = withoutSuppressed(connection, notices);
    execute(connection, UPSERT_ALERTS, ALERT_COLUMNS, List.copyOf(alerts.values()));
    execute(connection, INSERT_OUTBOX, OUTBOX_COLUMNS, outboxRows(told, sites));
  }

  private Map<String, SiteAlert> load(Connection connection, List<String> siteIds)
      throws SQLException {
    Map<String, SiteAlert> alerts = new TreeMap<>();
    try (PreparedStatement statement = connection.prepareStatement(LOAD_STATES)) {
      statement.setArray(1, connection.createArrayOf("text", siteIds.toArray()));
      try (ResultSet row = statement.executeQuery()) {
        while (row.next()) {
          SiteAlert alert = new SiteAlert(row.getString(1));
          alert.state = Status.valueOf(row.getString(2));
          alert.since = instant(row, 3);
          LocationRunsJson.read(row.getString(4), alert.locations);
          alert.lastResultAt = instant(row, 5);
          alert.lastResultId = row.getObject(6, UUID.class);
          alert.reminders = row.getInt(7);
          alert.toldAt = instant(row, 8);
          long incidentId = row.getLong(9);
          if (!row.wasNull()) {
            alert.incident =
                new Incident(
                    incidentId,
                    alert.siteId,
                    instant(row, 10),
                    reason(row.getString(11)),
                    row.getString(12),
                    reason(row.getString(13)),
                    row.getString(14),
                    instant(row, 15),
                    row.getInt(16));
          }
          alerts.put(alert.siteId, alert);
        }
      }
    }
    return alerts;
  }

  private static void insertIncidents(Connection connection, List<Notice> notices)
      throws SQLException {
    List<Incident> opened =
        notices.stream()
            .filter(n -> n.kind() == NoticeKind.DOWN)
            .map(Notice::incident)
            .filter(Incident::isNew)
            .toList();
    if (opened.isEmpty()) {
      return;
    }
    Map<String, Incident> byKey = new HashMap<>();
    opened.forEach(i -> byKey.put(i.siteId() + "@" + i.openedAt(), i));
    try (PreparedStatement statement = connection.prepareStatement(INSERT_INCIDENTS)) {
      BatchColumn.bind(statement, NEW_INCIDENT_COLUMNS, opened);
      try (ResultSet row = statement.executeQuery()) {
        while (row.next()) {
          byKey.get(row.getString(2) + "@" + instant(row, 3)).inserted(row.getLong(1));
        }
      }
    }
  }

  /**
   * Leaves out a RESOLVED decided within a maintenance window whose DOWN was held by one too:
   * neither is sent. That DOWN is among this batch's notices, or already in the outbox.
   */
  private static List<Notice> withoutSuppressed(Connection connection, List<Notice> notices)
      throws SQLException {
    List<Notice> kept = new ArrayList<>(notices);
    for (Notice resolved : notices) {
      if (resolved.kind() != NoticeKind.RESOLVED || resolved.heldUntil().isEmpty()) {
        continue;
      }
      Instant endedAt = resolved.result().startedAt();
      Optional<Notice> heldDown =
          kept.stream()
              .filter(
                  n ->
                      n.incident() == resolved.incident()
                          && n.kind() == NoticeKind.DOWN
                          && n.heldUntil().filter(until -> until.isAfter(endedAt)).isPresent())
              .findFirst();
      if (heldDown.isPresent()) {
        kept.remove(heldDown.get());
        kept.remove(resolved);
      } else if (suppressHeldDown(connection, resolved.incident(), endedAt)) {
        kept.remove(resolved);
      }
    }
    return kept;
  }

  private static boolean suppressHeldDown(Connection connection, Incident incident, Instant endedAt)
      throws SQLException {
    try (PreparedStatement statement = connection.prepareStatement(SUPPRESS_HELD_DOWN)) {
      statement.setLong(1, incident.id());
      statement.setObject(2, utc(endedAt));
      return statement.executeUpdate() > 0;
    }
  }

  private static List<OutboxRow> outboxRows(
      List<Notice> notices, Map<String, SiteDefinition> sites) {
    List<OutboxRow> rows = new ArrayList<>();
    for (Notice notice : notices) {
      Optional<SiteDefinition> site = Optional.ofNullable(sites.get(notice.incident().siteId()));
      List<AlertChannel> channels = site.map(s -> s.alerts().channels()).orElse(List.of());
      String noticeJson = channels.isEmpty() ? null : NoticeJson.notice(notice, site);
      for (AlertChannel channel : channels) {
        rows.add(new OutboxRow(notice, channel, NoticeJson.channel(channel), noticeJson));
      }
    }
    return rows;
  }

  private static <T> void execute(
      Connection connection, String sql, List<BatchColumn<T>> columns, List<T> rows)
      throws SQLException {
    if (rows.isEmpty()) {
      return;
    }
    try (PreparedStatement statement = connection.prepareStatement(sql)) {
      BatchColumn.bind(statement, columns, rows);
      statement.execute();
    }
  }

  private static <T> List<T> concat(List<T> first, List<T> second) {
    List<T> all = new ArrayList<>(first);
    all.addAll(second);
    return List.copyOf(all);
  }

  private static Instant instant(ResultSet row, int column) throws SQLException {
    OffsetDateTime at = row.getObject(column, OffsetDateTime.class);
    return at == null ? null : at.toInstant();
  }

  private static Reason reason(String name) {
    return name == null ? null : Reason.valueOf(name);
  }

  private static String name(Reason reason) {
    return reason == null ? null : reason.name();
  }

  private static OffsetDateTime utc(Instant instant) {
    return instant == null ? null : OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
  }
}
