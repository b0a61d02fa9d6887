package org.sitewatch.checker.publish;

import java.util.Optional;

/** How publishing goes, for health checks: counts, and whether results still flow to Kafka. */
public interface PublishStats {

  long deliveredCount();

  long droppedCount();

  /** Produced but neither acknowledged by Kafka nor dropped yet (waiting out an outage, say). */
  long pendingCount();

  /**
   * Why no result can reach Kafka any more until a restart (the channel's stream ended, the sender
   * thread died), or empty while they can. An outage of the broker is not such a reason.
   */
  Optional<String> deadStream();
}
