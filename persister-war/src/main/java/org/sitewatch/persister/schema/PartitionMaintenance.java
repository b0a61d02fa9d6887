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
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * Keeps check_result's daily partitions: creates those ahead and drops those past retention, once
 * right after the migrations and then hourly, through the owner role (the runtime role may not).
 */
@ApplicationScoped
public class PartitionMaintenance {

  private static final Logger LOG = Logger.getLogger(PartitionMaintenance.class.getName());

  private static final String MAINTAIN =
      "SELECT created, dropped FROM maintain_check_result_partitions(?, ?)";

  @Resource(lookup = "jdbc/sitewatch-migrations")
  DataSource ownerDataSource;

  @Resource ManagedScheduledExecutorService scheduler;

  @Inject Retention retention;

  private ScheduledFuture<?> task;
  private volatile Instant lastSuccessAt;
  private volatile String lastError;

  /** Starts the hourly run; the first runs now. Idempotent. */
  public synchronized void start() {
    if (task == null) {
      task = scheduler.scheduleAtFixedRate(this::maintain, 0, 1, TimeUnit.HOURS);
    }
  }

  @PreDestroy
  synchronized void stop() {
    if (task != null) {
      task.cancel(false);
    }
  }

  public Optional<Instant> lastSuccessAt() {
    return Optional.ofNullable(lastSuccessAt);
  }

  public Optional<String> lastError() {
    return Optional.ofNullable(lastError);
  }

  private void maintain() {
    // Nothing may escape: an exception would cancel every later run. The next hour retries.
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
    } catch (SQLException | RuntimeException e) {
      lastError = e.getMessage();
      LOG.log(
          Level.WARNING, "Partition maintenance failed, next try in an hour: {0}", e.toString());
    }
  }
}
