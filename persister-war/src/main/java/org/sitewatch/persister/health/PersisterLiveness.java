package org.sitewatch.persister.health;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;
import org.sitewatch.persister.deadletter.DeadLetterPublisher;
import org.sitewatch.persister.store.BatchWriter;

/**
 * Alive while the batch writer's thread runs and the dead-letter stream is open; only a restart
 * brings either back. A database or Kafka outage is not a reason to restart: readiness reports
 * those.
 */
@Liveness
@ApplicationScoped
public class PersisterLiveness implements HealthCheck {

  @Inject BatchWriter writer;

  @Inject DeadLetterPublisher deadLetters;

  @Override
  public HealthCheckResponse call() {
    return HealthCheckResponse.named("persister-writer")
        .status(writer.status().running() && !deadLetters.streamEnded())
        .withData("writerRunning", writer.status().running())
        .withData("deadLetterStreamOpen", !deadLetters.streamEnded())
        .build();
  }
}
