package org.sitewatch.persister.health;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Startup;
import org.sitewatch.persister.schema.SchemaState;

/** Started once the schema migrations have succeeded. */
@Startup
@ApplicationScoped
public class PersisterStartup implements HealthCheck {

  @Inject SchemaState schema;

  @Override
  public HealthCheckResponse call() {
    return HealthCheckResponse.named("persister-schema").status(schema.isMigrated()).build();
  }
}
