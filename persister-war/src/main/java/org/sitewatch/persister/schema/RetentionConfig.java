package org.sitewatch.persister.schema;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** Makes {@link Retention} injectable, from MicroProfile Config. */
@ApplicationScoped
public class RetentionConfig {

  @Produces
  Retention retention(
      @ConfigProperty(name = "sitewatch.retention.days", defaultValue = "30") int days,
      @ConfigProperty(name = "sitewatch.partitions.days-ahead", defaultValue = "7") int daysAhead) {
    return new Retention(days, daysAhead);
  }
}
