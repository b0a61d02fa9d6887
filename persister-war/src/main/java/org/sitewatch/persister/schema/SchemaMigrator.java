package org.sitewatch.persister.schema;

import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.Startup;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;
import org.sitewatch.support.retry.Backoff;

/**
 * Brings the schema up to date with Flyway at startup, through the owner role, then starts the
 * partition maintenance. Runs in the background and retries with backoff while the database is
 * unreachable: the server starts regardless, and nothing is written before {@link SchemaState} says
 * the schema is there.
 */
@ApplicationScoped
public class SchemaMigrator {

  private static final Logger LOG = Logger.getLogger(SchemaMigrator.class.getName());

  private static final Duration FIRST_RETRY = Duration.ofSeconds(1);
  private static final Duration MAX_RETRY = Duration.ofMinutes(1);

  /**
   * The role name goes into GRANT statements as a quoted identifier; anything that could end the
   * quotes is refused.
   */
  private static final Pattern ROLE_NAME = Pattern.compile("[A-Za-z0-9_$.@-]{1,63}");

  /**
   * kafka-clients puts slf4j-api, without a binding, into the WAR; Flyway would pick it and log
   * nowhere. java.util.logging ends up in Liberty's messages.log.
   */
  private static final String JUL_LOGGER =
      "org.flywaydb.core.internal.logging.javautil.JavaUtilLogCreator";

  @Resource(lookup = "jdbc/sitewatch-migrations")
  DataSource ownerDataSource;

  @Resource ManagedScheduledExecutorService scheduler;

  @Inject SchemaState state;

  @Inject PartitionMaintenance partitions;

  @Inject Retention retention;

  @Inject
  @ConfigProperty(name = "sitewatch.db.user", defaultValue = "sitewatch_app")
  String appRole;

  private volatile Future<?> next;

  void onStartup(@Observes Startup startup) {
    Map<String, String> placeholders = placeholders(appRole, retention);
    Backoff backoff = new Backoff(FIRST_RETRY, MAX_RETRY);
    next = scheduler.submit(() -> migrate(placeholders, backoff));
  }

  @PreDestroy
  void stop() {
    Future<?> pending = next;
    if (pending != null) {
      pending.cancel(true);
    }
  }

  /** The Flyway placeholders of the migrations. */
  static Map<String, String> placeholders(String appRole, Retention retention) {
    if (appRole == null || !ROLE_NAME.matcher(appRole).matches()) {
      throw new IllegalArgumentException(
          "sitewatch.db.user must be 1-63 characters of letters, digits and _$.@-, got '"
              + appRole
              + "'");
    }
    return Map.of(
        "app_role", appRole,
        "retention_days", Integer.toString(retention.days()),
        "days_ahead", Integer.toString(retention.daysAhead()));
  }

  private void migrate(Map<String, String> placeholders, Backoff backoff) {
    try {
      MigrateResult result =
          Flyway.configure(SchemaMigrator.class.getClassLoader())
              .dataSource(ownerDataSource)
              // Liberty's class loader resolves no directory, only files: db/migration (and
              // db/callback, which Flyway always probes) hold an empty flyway.location for Flyway
              // to
              // find them by, as Flyway advises for WebSphere.
              .locations("classpath:db/migration")
              .failOnMissingLocations(true)
              .placeholders(placeholders)
              .loggers(JUL_LOGGER)
              .cleanDisabled(true)
              .load()
              .migrate();
      String version =
          result.targetSchemaVersion != null
              ? result.targetSchemaVersion
              : result.initialSchemaVersion;
      state.markMigrated(version);
      LOG.log(
          Level.INFO,
          "Schema at version {0}, {1,number,#} migration(s) applied",
          new Object[] {version, result.migrationsExecuted});
      partitions.start();
    } catch (RuntimeException e) {
      Duration delay = backoff.next();
      // Flyway's messages run on over several lines of SQL state and error code.
      String error =
          e.getMessage() == null
              ? e.toString()
              : e.getMessage().lines().findFirst().orElse(e.toString());
      state.markFailed(error);
      LOG.log(
          Level.WARNING,
          "Schema migration failed, retrying in {0,number,#} s: {1}",
          new Object[] {delay.toSeconds(), error});
      LOG.log(Level.FINE, "Schema migration failure", e);
      next =
          scheduler.schedule(
              () -> migrate(placeholders, backoff), delay.toMillis(), TimeUnit.MILLISECONDS);
    }
  }
}
