package org.sitewatch.persister.health;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class DatabaseTlsModeTest {

  @Test
  void aCaFileWithAModeThatDoesNotCheckItIsAProblemNamingTheFix() {
    Optional<String> problem = DatabaseTlsMode.problem("prefer", Optional.of("/etc/db/ca.pem"));
    assertTrue(problem.isPresent(), "prefer ignores the CA file");
    assertTrue(problem.get().contains("SITEWATCH_DB_SSLMODE=verify-full"), problem.get());
    assertTrue(DatabaseTlsMode.problem("require", Optional.of("/ca.pem")).isPresent());
  }

  @Test
  void verifyingModesAndNoCaFileAreFine() {
    assertEquals(Optional.empty(), DatabaseTlsMode.problem("verify-full", Optional.of("/ca.pem")));
    assertEquals(Optional.empty(), DatabaseTlsMode.problem("verify-ca", Optional.of("/ca.pem")));
    assertEquals(Optional.empty(), DatabaseTlsMode.problem("prefer", Optional.empty()));
    assertEquals(Optional.empty(), DatabaseTlsMode.problem("prefer", Optional.of(" ")));
  }
}
