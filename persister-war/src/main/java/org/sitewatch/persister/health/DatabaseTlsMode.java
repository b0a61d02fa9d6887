package org.sitewatch.persister.health;

import java.util.Optional;
import java.util.Set;

/**
 * A CA file is given to check the PostgreSQL server by, so a mode that does not check it (pgjdbc's
 * default {@code prefer} among them) would make it decoration: an attacker's certificate would do.
 */
final class DatabaseTlsMode {

  private static final Set<String> VERIFYING = Set.of("verify-ca", "verify-full");

  private DatabaseTlsMode() {}

  /** Why these settings leave the server unchecked, or empty when they do not. */
  static Optional<String> problem(String sslMode, Optional<String> rootCert) {
    boolean caGiven = rootCert.filter(path -> !path.isBlank()).isPresent();
    if (!caGiven || VERIFYING.contains(sslMode.strip())) {
      return Optional.empty();
    }
    return Optional.of(
        "SITEWATCH_DB_SSLROOTCERT is set, but SITEWATCH_DB_SSLMODE="
            + sslMode
            + " does not check the server's certificate against it:"
            + " set SITEWATCH_DB_SSLMODE=verify-full");
  }
}
