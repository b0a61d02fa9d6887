package org.sitewatch.persister.health;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Liveness;
import org.sitewatch.persister.deadletter.DeadLetterPublisher;
import org.sitewatch.persister.ingest.IncomingStreamWatch;
import org.sitewatch.persister.ingest.StreamVerdict;
import org.sitewatch.persister.notify.NotificationSender;
import org.sitewatch.persister.store.BatchWriter;

/**
 * Alive while the batch writer's and the notification sender's threads run and the dead-letter and
 * incoming streams are open; only a restart brings any of them back. A database or Kafka outage is
 * not a reason to restart: readiness reports those.
 */
@Liveness
@ApplicationScoped
public class PersisterLiveness implements HealthCheck {

  @Inject BatchWriter writer;

  @Inject DeadLetterPublisher deadLetters;

  @Inject IncomingStreamWatch incoming;

  @Inject NotificationSender sender;

  @Override
  public HealthCheckResponse call() {
    StreamVerdict stream = incoming.verdict();
    HealthCheckResponseBuilder response =
        HealthCheckResponse.named("persister-writer")
            .status(
                writer.status().running()
                    && sender.running()
                    && !deadLetters.streamEnded()
                    && !stream.dead())
            .withData("writerRunning", writer.status().running())
            .withData("notificationSenderRunning", sender.running())
            .withData("deadLetterStreamOpen", !deadLetters.streamEnded())
            .withData("incomingStream", stream.dead() ? "DOWN" : "UP");
    if (stream.dead()) {
      response.withData("incomingStreamError", stream.reason());
    }
    return response.build();
  }
}
