package org.sitewatch.persister.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SchemaMigratorTest {

  @ParameterizedTest
  @ValueSource(strings = {"sitewatch_app", "SiteWatch-App", "app@prod", "a"})
  void passesTheRoleAndRetentionToTheMigrations(String role) {
    assertEquals(
        Map.of("app_role", role, "retention_days", "30", "days_ahead", "7"),
        SchemaMigrator.placeholders(role, new Retention(30, 7)));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "app\"; DROP TABLE site; --",
        "two words",
        "a234567890123456789012345678901234567890123456789012345678901234"
      })
  void refusesARoleNameThatCouldBreakOutOfItsQuotes(String role) {
    assertThrows(
        IllegalArgumentException.class,
        () -> SchemaMigrator.placeholders(role, new Retention(30, 7)));
  }
}
