package org.sitewatch.persister.alert;

import java.time.Instant;
import java.util.Optional;
import org.sitewatch.common.CheckResult;

/**
 * A notification the state machine decided, before it is written to the outbox once per channel.
 *
 * @param incident the incident it is about
 * @param kind what it tells
 * @param reminder the reminder's number (1, 2, …), 0 for the other kinds
 * @param result the result that decided it
 * @param heldUntil the end of the maintenance window it was decided in, if any: it is not sent
 *     before
 */
record Notice(
    Incident incident,
    NoticeKind kind,
    int reminder,
    CheckResult result,
    Optional<Instant> heldUntil) {

  /** The same for every channel: receivers dedupe by it. */
  String idempotencyKey() {
    String key = incident.id() + "-" + kind;
    return kind == NoticeKind.REMINDER ? key + "-" + reminder : key;
  }
}
