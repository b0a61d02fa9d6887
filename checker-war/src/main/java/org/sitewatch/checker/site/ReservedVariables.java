package org.sitewatch.checker.site;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The environment variables a header value may not read: those that hold the server's own settings
 * and secrets (Sitewatch's, MicroProfile Config's, Liberty's, the JVM's, PostgreSQL's and Kafka's
 * clients'), which whoever edits the sites file could otherwise send to a site of their choosing.
 * Names are matched ignoring case, as MicroProfile Config finds them; a name on the allow-list, in
 * exactly its case, may be read all the same.
 */
final class ReservedVariables {

  private static final List<String> PREFIXES =
      List.of("SITEWATCH_", "MP_", "WLP_", "JAVA_", "JVM_", "OPENJ9_", "PG", "POSTGRES_", "KAFKA_");

  /** Liberty's default keystore password. */
  private static final String KEYSTORE_PASSWORD = "keystore_password";

  private static final String REFUSED =
      " may hold the server's own settings or secrets (names starting with "
          + String.join(", ", PREFIXES.subList(0, PREFIXES.size() - 1))
          + " or "
          + PREFIXES.get(PREFIXES.size() - 1)
          + ", or "
          + KEYSTORE_PASSWORD
          + "): give the site a variable of its own, or allow this one in"
          + " SITEWATCH_SITES_HEADER_ENV_ALLOW";

  private final Set<String> allowed;

  /**
   * @param allowed names that may be read although reserved, in their exact case
   */
  ReservedVariables(Set<String> allowed) {
    this.allowed = Set.copyOf(allowed);
  }

  /** Why a header may not read the variable, or nothing when it may. */
  Optional<String> problem(String name) {
    if (allowed.contains(name) || !reserved(name)) {
      return Optional.empty();
    }
    return Optional.of("environment variable " + name + REFUSED);
  }

  private static boolean reserved(String name) {
    String upper = name.toUpperCase(Locale.ROOT);
    return name.equalsIgnoreCase(KEYSTORE_PASSWORD)
        || PREFIXES.stream().anyMatch(upper::startsWith);
  }
}
