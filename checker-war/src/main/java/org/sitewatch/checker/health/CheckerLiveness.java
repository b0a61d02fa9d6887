package org.sitewatch.checker.health;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Liveness;
import org.sitewatch.checker.publish.PublishStats;

/**
 * Alive unless results can no longer reach Kafka without a restart: a stream the messaging
 * connector ended stays ended, so the platform must restart the server. A broker outage is no such
 * case (readiness reports it, and delivery resumes).
 */
@Liveness
@ApplicationScoped
public class CheckerLiveness implements HealthCheck {

  @Inject PublishStats publishing;

  @Override
  public HealthCheckResponse call() {
    HealthCheckResponseBuilder response = HealthCheckResponse.named("checker").up();
    publishing.deadStream().ifPresent(reason -> response.down().withData("error", reason));
    return response.build();
  }
}
