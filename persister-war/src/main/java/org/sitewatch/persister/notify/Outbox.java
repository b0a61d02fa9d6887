package org.sitewatch.persister.notify;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/** The notifications the ingest transaction decided, as the sender takes and settles them. */
public interface Outbox {

  /**
   * Claims due notifications for {@code lease}, committed before this returns: PENDING, due, not
   * claimed by a live lease, with no older PENDING one of the same site and channel (so each site's
   * notifications go out in order), oldest first. Counts the attempt.
   *
   * @param skipChannels channels not to claim now (busy, or out of budget)
   */
  List<Notification> claim(int limit, Collection<String> skipChannels, Duration lease);

  void sent(Collection<Long> ids);

  /** Each notification's next attempt, with the error that made this one fail. */
  void retry(Map<Long, Instant> nextAttempts, String error);

  /** Given up: the retry period is over. */
  void failed(Collection<Long> ids, String error);

  /** PENDING rows, and how long the oldest due or retried one has been waiting. */
  Backlog backlog();

  /**
   * @param oldestWaiting empty when nothing is due
   */
  record Backlog(long pending, java.util.Optional<Duration> oldestWaiting) {}
}
