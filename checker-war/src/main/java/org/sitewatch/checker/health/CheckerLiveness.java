package org.sitewatch.checker.health;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
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

  /**
   * Created when the application starts, on one of its threads: a server may run health checks on
   * threads of its own (Payara does), where the application's configuration cannot be read.
   */
  void createAtStartup(@Observes @Initialized(ApplicationScoped.class) Object started) {}

  @Override
  public HealthCheckResponse call() {
    HealthCheckResponseBuilder response = HealthCheckResponse.named("checker").up();
    publishing.deadStream().ifPresent(reason -> response.down().withData("error", reason));
    return response.build();
  }
}
