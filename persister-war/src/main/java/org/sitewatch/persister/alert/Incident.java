package org.sitewatch.persister.alert;

import java.time.Instant;
import java.util.Optional;
import org.sitewatch.common.CheckResult;
import org.sitewatch.common.Reason;

/**
 * One DOWN period of a site, as the ingest transaction sees it: an open one read from the database,
 * or one opened by this batch and not inserted yet (no id until then).
 */
final class Incident {

  private Long id;
  private final String siteId;
  private final Instant openedAt;
  private final Reason firstReason;
  private final String firstMessage;
  private Reason lastReason;
  private String lastMessage;
  private Instant lastResultAt;
  private int resultsSeen;
  private Instant resolvedAt;
  private boolean changed;

  Incident(
      Long id,
      String siteId,
      Instant openedAt,
      Reason firstReason,
      String firstMessage,
      Reason lastReason,
      String lastMessage,
      Instant lastResultAt,
      int resultsSeen) {
    this.id = id;
    this.siteId = siteId;
    this.openedAt = openedAt;
    this.firstReason = firstReason;
    this.firstMessage = firstMessage;
    this.lastReason = lastReason;
    this.lastMessage = lastMessage;
    this.lastResultAt = lastResultAt;
    this.resultsSeen = resultsSeen;
  }

  /** Opened by {@code result}, the one that crossed the threshold, after {@code seen} results. */
  static Incident open(
      String siteId,
      Instant openedAt,
      Reason firstReason,
      String firstMessage,
      CheckResult result,
      int seen) {
    Incident incident =
        new Incident(
            null,
            siteId,
            openedAt,
            firstReason,
            firstMessage,
            result.outcome().reason(),
            result.outcome().message(),
            result.startedAt(),
            seen);
    incident.changed = true;
    return incident;
  }

  /** Counts a result taken while it is open; a DOWN one becomes its last reason. */
  void see(CheckResult result) {
    resultsSeen++;
    lastResultAt = result.startedAt();
    if (result.outcome().reason() != null) {
      lastReason = result.outcome().reason();
      lastMessage = result.outcome().message();
    }
    changed = true;
  }

  void resolve(Instant at) {
    resolvedAt = at;
    changed = true;
  }

  boolean isNew() {
    return id == null;
  }

  boolean changed() {
    return changed;
  }

  long id() {
    if (id == null) {
      throw new IllegalStateException("incident of " + siteId + " not inserted yet");
    }
    return id;
  }

  void inserted(long id) {
    this.id = id;
  }

  String siteId() {
    return siteId;
  }

  Instant openedAt() {
    return openedAt;
  }

  Reason firstReason() {
    return firstReason;
  }

  String firstMessage() {
    return firstMessage;
  }

  Reason lastReason() {
    return lastReason;
  }

  String lastMessage() {
    return lastMessage;
  }

  Instant lastResultAt() {
    return lastResultAt;
  }

  int resultsSeen() {
    return resultsSeen;
  }

  Optional<Instant> resolvedAt() {
    return Optional.ofNullable(resolvedAt);
  }
}
