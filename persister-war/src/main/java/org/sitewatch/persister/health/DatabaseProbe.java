package org.sitewatch.persister.health;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import javax.sql.DataSource;

/** Whether the database answers the runtime role, checked at most every few seconds. */
@ApplicationScoped
public class DatabaseProbe {

  /** The answer to one check: up, or down and why. */
  public record Status(boolean up, String error) {}

  private static final int TIMEOUT_SECONDS = 2;
  private static final Duration CACHE_FOR = Duration.ofSeconds(5);

  @Resource(lookup = "jdbc/sitewatch")
  DataSource dataSource;

  private CachedCheck<Status> cached;

  @PostConstruct
  void init() {
    cached = new CachedCheck<>(this::ping, CACHE_FOR, System::nanoTime);
  }

  public Status check() {
    return cached.get();
  }

  private Status ping() {
    try (Connection connection = dataSource.getConnection()) {
      return connection.isValid(TIMEOUT_SECONDS)
          ? new Status(true, null)
          : new Status(false, "no answer within " + TIMEOUT_SECONDS + " s");
    } catch (SQLException e) {
      return new Status(false, e.getMessage());
    }
  }
}
