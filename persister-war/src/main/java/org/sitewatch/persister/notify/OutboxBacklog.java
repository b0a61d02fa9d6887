package org.sitewatch.persister.notify;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;

/**
 * The outbox's backlog as the sender last read it (every few seconds), for readiness and metrics,
 * which must answer without a query of their own.
 */
@ApplicationScoped
public class OutboxBacklog {

  private volatile Outbox.Backlog last;
  private volatile String error;

  void refresh(Outbox outbox) {
    try {
      last = outbox.backlog();
      error = null;
    } catch (RuntimeException e) {
      error = e.getMessage();
    }
  }

  /** Empty until first read. */
  public Optional<Outbox.Backlog> last() {
    return Optional.ofNullable(last);
  }

  /** Why the last read failed, while it does. */
  public Optional<String> error() {
    return Optional.ofNullable(error);
  }
}
