package org.sitewatch.checker.health;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;

/** The checker holds no state that can wedge: alive while the application answers at all. */
@Liveness
@ApplicationScoped
public class CheckerLiveness implements HealthCheck {

  @Override
  public HealthCheckResponse call() {
    return HealthCheckResponse.up("checker");
  }
}
