package org.sitewatch.persister.schema;

import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.sitewatch.persister.config.ConfigDurations;

/**
 * Keeps check_result's daily partitions: creates those ahead and drops those past retention, once
 * right after the migrations and then every {@code sitewatch.partitions.maintenance-interval}
 * (hourly), through the owner role (the runtime role may not). A failed run is tried again within a
 * minute, and readiness reports it until one succeeds.
 */
@ApplicationScoped
public class PartitionMaintenance {

  private static final Logger LOG = Logger.getLogger(PartitionMaintenance.class.getName());

  private static final String MAINTAIN =
      "SELECT created, dropped FROM maintain_check_result_partitions(?, ?)";

  @Resource(lookup = "jdbc/sitewatch-migrations")
  DataSource ownerDataSource;

  private static final Duration RETRY = Duration.ofMinutes(1);

  @Resource ManagedScheduledExecutorService scheduler;

  @Inject Retention retention;

  @Inject
  @ConfigProperty(name = "sitewatch.partitions.maintenance-interval", defaultValue = "1h")
  String interval;

  private ScheduledFuture<?> task;
  private boolean stopped;
  private volatile Instant lastSuccessAt;
  private volatile String lastError;

  private Duration every;

  /** Starts the runs; the first runs now. Idempotent. */
  public synchronized void start() {
    if (task == null) {
      every = ConfigDurations.parse("sitewatch.partitions.maintenance-interval", interval);
      schedule(Duration.ZERO);
    }
  }

  @PreDestroy
  synchronized void stop() {
    stopped = true;
    if (task != null) {
      task.cancel(false);
    }
  }

  private synchronized void schedule(Duration delay) {
    if (!stopped) {
      task = scheduler.schedule(this::run, delay.toMillis(), TimeUnit.MILLISECONDS);
    }
  }

  private void run() {
    schedule(maintain() || every.compareTo(RETRY) < 0 ? every : RETRY);
  }

  public Optional<Instant> lastSuccessAt() {
    return Optional.ofNullable(lastSuccessAt);
  }

  public Optional<String> lastError() {
    return Optional.ofNullable(lastError);
  }

  /** True when the partitions are as they should be. Nothing escapes: the next run must happen. */
  private boolean maintain() {
    try (Connection connection = ownerDataSource.getConnection();
        PreparedStatement statement = connection.prepareStatement(MAINTAIN)) {
      statement.setInt(1, retention.days());
      statement.setInt(2, retention.daysAhead());
      try (ResultSet result = statement.executeQuery()) {
        result.next();
        int created = result.getInt("created");
        int dropped = result.getInt("dropped");
        if (created > 0 || dropped > 0) {
          LOG.log(
              Level.INFO,
              "Partitions of check_result: {0,number,#} created, {1,number,#} dropped",
              new Object[] {created, dropped});
        }
      }
      lastSuccessAt = Instant.now();
      lastError = null;
      return true;
    } catch (SQLException | RuntimeException e) {
      lastError = e.getMessage();
      LOG.log(
          Level.WARNING,
          "Partition maintenance of check_result failed, trying again within a minute: {0}",
          e.toString());
      return false;
    }
  }
}
