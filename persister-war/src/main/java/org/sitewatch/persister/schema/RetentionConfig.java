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

  @Produces
  RollupRetention rollupRetention(
      @ConfigProperty(name = "sitewatch.rollups.hourly-days", defaultValue = "35") int hourlyDays,
      @ConfigProperty(name = "sitewatch.rollups.daily-days", defaultValue = "400") int dailyDays) {
    return new RollupRetention(hourlyDays, dailyDays);
  }
}
