package org.sitewatch.persister.notify;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The facts of a notification as the ingest transaction decided them (the outbox row's {@code
 * notice}): everything a message says, so sending never reads the live tables.
 *
 * @param reminder the reminder's number, for a REMINDER
 */
public record Notice(
    String siteId,
    String siteName,
    String siteUrl,
    Map<String, String> labels,
    long incidentId,
    NotificationKind kind,
    Instant openedAt,
    Optional<Instant> resolvedAt,
    Optional<String> reason,
    Optional<String> message,
    Instant resultAt,
    Optional<Integer> httpStatus,
    double durationMs,
    Optional<Integer> reminder) {

  public Notice {
    labels = Map.copyOf(labels);
    Objects.requireNonNull(kind, "kind");
  }
}
