package org.sitewatch.persister.health;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;
import org.sitewatch.persister.store.BatchWriter;

/**
 * Alive while the batch writer's thread runs; only a restart brings a dead one back. A database or
 * Kafka outage is not a reason to restart: readiness reports those.
 */
@Liveness
@ApplicationScoped
public class PersisterLiveness implements HealthCheck {

  @Inject BatchWriter writer;

  @Override
  public HealthCheckResponse call() {
    return HealthCheckResponse.named("persister-writer").status(writer.status().running()).build();
  }
}
