package org.sitewatch.persister.health;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.sitewatch.support.tls.TlsFailures;

/**
 * Whether the database answers the runtime role, checked at most every few seconds. A TLS failure
 * is explained in terms of the SITEWATCH_DB_SSL* setting to fix, and each new reason for DOWN is
 * logged once.
 */
@ApplicationScoped
public class DatabaseProbe {

  /** The answer to one check: up, or down and why. */
  public record Status(boolean up, String error) {}

  private static final Logger LOG = Logger.getLogger(DatabaseProbe.class.getName());
  private static final int TIMEOUT_SECONDS = 2;
  private static final Duration CACHE_FOR = Duration.ofSeconds(5);

  @Resource(lookup = "jdbc/sitewatch")
  DataSource dataSource;

  @Inject
  @ConfigProperty(name = "sitewatch.db.sslmode", defaultValue = "prefer")
  String sslMode;

  @Inject
  @ConfigProperty(name = "sitewatch.db.sslrootcert")
  Optional<String> sslRootCert;

  @Inject
  @ConfigProperty(name = "sitewatch.db.sslcert")
  Optional<String> sslCert;

  private TlsFailures.Settings tlsSettings;
  private CachedCheck<Status> cached;
  private String lastLogged;

  @PostConstruct
  void init() {
    // The server.xml variables behind the datasource's TLS properties, as environment variables.
    tlsSettings =
        new TlsFailures.Settings(
            "PostgreSQL",
            "SITEWATCH_DB_HOST",
            "SITEWATCH_DB_SSLROOTCERT",
            "SITEWATCH_DB_SSLCERT",
            "SITEWATCH_DB_SSLKEY",
            sslCert.filter(file -> !file.isBlank()).isPresent());
    cached = new CachedCheck<>(this::pingAndReport, CACHE_FOR, System::nanoTime);
  }

  public Status check() {
    return cached.get();
  }

  private Status pingAndReport() {
    Status status = ping();
    if (!Objects.equals(status.error(), lastLogged)) {
      if (status.error() != null) {
        LOG.log(Level.WARNING, "The database is not reachable: {0}", status.error());
      } else if (lastLogged != null) {
        LOG.info("The database is reachable again");
      }
      lastLogged = status.error();
    }
    return status;
  }

  private Status ping() {
    Optional<String> unchecked = DatabaseTlsMode.problem(sslMode, sslRootCert);
    if (unchecked.isPresent()) {
      return new Status(false, unchecked.get());
    }
    try (Connection connection = dataSource.getConnection()) {
      return connection.isValid(TIMEOUT_SECONDS)
          ? new Status(true, null)
          : new Status(false, "no answer within " + TIMEOUT_SECONDS + " s");
    } catch (SQLException e) {
      return new Status(false, TlsFailures.explain(e, tlsSettings).orElse(e.getMessage()));
    }
  }
}
