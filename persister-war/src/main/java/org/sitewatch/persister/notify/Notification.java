package org.sitewatch.persister.notify;

import java.time.Instant;
import java.util.Objects;
import org.sitewatch.common.catalog.AlertChannel;

/**
 * One outbox row a sender has claimed: a notice for one channel.
 *
 * @param idempotencyKey the same for every channel of the notification, and on every attempt
 * @param attempts attempts made, this one included
 * @param firstAttemptAt when it was first attempted; the retry period counts from here
 */
public record Notification(
    long id,
    String idempotencyKey,
    AlertChannel channel,
    Notice notice,
    int attempts,
    Instant firstAttemptAt) {

  public Notification {
    Objects.requireNonNull(idempotencyKey, "idempotencyKey");
    Objects.requireNonNull(channel, "channel");
    Objects.requireNonNull(notice, "notice");
    Objects.requireNonNull(firstAttemptAt, "firstAttemptAt");
  }
}
