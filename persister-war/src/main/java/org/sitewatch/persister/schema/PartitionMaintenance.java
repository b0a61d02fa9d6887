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
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.sitewatch.persister.notify.AlertSettings;

/**
 * Keeps check_result's daily partitions (creates those ahead, drops those past retention), deletes
 * rollups past their retention and finished notifications past {@code sitewatch.alerts.keep-days},
 * once right after the migrations and then every {@code sitewatch.partitions.maintenance-interval}
 * (hourly), through the owner role (the runtime role may not). A failed run is tried again within a
 * minute, and readiness reports it until one succeeds.
 */
@ApplicationScoped
public class PartitionMaintenance {

  private static final Logger LOG = Logger.getLogger(PartitionMaintenance.class.getName());

  private static final String MAINTAIN =
      "SELECT created, dropped FROM maintain_check_result_partitions(?, ?)";

  private static final String MAINTAIN_ROLLUPS =
      "SELECT hours_deleted, days_deleted FROM maintain_rollups(?, ?)";

  private static final String MAINTAIN_NOTIFICATIONS = "SELECT maintain_notifications(?)";

  @Resource(lookup = "jdbc/sitewatch-migrations")
  DataSource ownerDataSource;

  private static final Duration RETRY = Duration.ofMinutes(1);

  @Resource ManagedScheduledExecutorService scheduler;

  @Inject Retention retention;

  @Inject RollupRetention rollupRetention;

  @Inject
  @ConfigProperty(name = "sitewatch.partitions.maintenance-interval", defaultValue = "1h")
  Duration every;

  @Inject AlertSettings alerts;

  private ScheduledFuture<?> task;
  private boolean stopped;
  private volatile Instant lastSuccessAt;
  private volatile String lastError;
  private final AtomicLong failedRuns = new AtomicLong();
  private final AtomicLong hourlyRollupsDeleted = new AtomicLong();
  private final AtomicLong dailyRollupsDeleted = new AtomicLong();

  /** Starts the runs; the first runs now. Idempotent. */
  public synchronized void start() {
    if (task == null) {
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

  /** Runs that failed since start. */
  public long failedRuns() {
    return failedRuns.get();
  }

  /** Hourly rollup rows deleted past their retention since start. */
  public long hourlyRollupsDeleted() {
    return hourlyRollupsDeleted.get();
  }

  /** Daily rollup rows deleted past their retention since start. */
  public long dailyRollupsDeleted() {
    return dailyRollupsDeleted.get();
  }

  /** True when the partitions are as they should be. Nothing escapes: the next run must happen. */
  private boolean maintain() {
    try (Connection connection = ownerDataSource.getConnection()) {
      report(
          connection,
          MAINTAIN,
          retention.days(),
          retention.daysAhead(),
          "Partitions of check_result: {0,number,#} created, {1,number,#} dropped");
      long[] rollupsDeleted =
          report(
              connection,
              MAINTAIN_ROLLUPS,
              rollupRetention.hourlyDays(),
              rollupRetention.dailyDays(),
              "Rollups past retention deleted: {0,number,#} hourly, {1,number,#} daily");
      hourlyRollupsDeleted.addAndGet(rollupsDeleted[0]);
      dailyRollupsDeleted.addAndGet(rollupsDeleted[1]);
      deleteFinishedNotifications(connection, alerts.keepDays());
      lastSuccessAt = Instant.now();
      lastError = null;
      return true;
    } catch (SQLException | RuntimeException e) {
      failedRuns.incrementAndGet();
      lastError = e.getMessage();
      LOG.log(
          Level.WARNING,
          "Partition, rollup and notification maintenance failed, trying again within a minute: {0}",
          e.toString());
      return false;
    }
  }

  private static void deleteFinishedNotifications(Connection connection, int keepDays)
      throws SQLException {
    try (PreparedStatement statement = connection.prepareStatement(MAINTAIN_NOTIFICATIONS)) {
      statement.setInt(1, keepDays);
      try (ResultSet result = statement.executeQuery()) {
        result.next();
        long deleted = result.getLong(1);
        if (deleted > 0) {
          LOG.log(
              Level.INFO,
              "Notifications finished more than {0,number,#} days ago deleted: {1,number,#}",
              new Object[] {keepDays, deleted});
        }
      }
    }
  }

  /**
   * Runs a maintenance function of two arguments, logs its two counts unless both are 0 and returns
   * them.
   */
  private static long[] report(Connection connection, String sql, int first, int second, String log)
      throws SQLException {
    try (PreparedStatement statement = connection.prepareStatement(sql)) {
      statement.setInt(1, first);
      statement.setInt(2, second);
      try (ResultSet result = statement.executeQuery()) {
        result.next();
        long a = result.getLong(1);
        long b = result.getLong(2);
        if (a > 0 || b > 0) {
          LOG.log(Level.INFO, log, new Object[] {a, b});
        }
        return new long[] {a, b};
      }
    }
  }
}
