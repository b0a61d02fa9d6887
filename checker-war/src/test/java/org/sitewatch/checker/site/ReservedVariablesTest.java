package org.sitewatch.checker.site;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ReservedVariablesTest {

  private final ReservedVariables reserved = new ReservedVariables(Set.of("KAFKA_SITE_TOKEN"));

  @Test
  void refusesTheServersOwnVariablesIgnoringCase() {
    List<String> names =
        List.of(
            "SITEWATCH_DB_PASSWORD",
            "SITEWATCH_KAFKA_SSL_KEY_FILE",
            "MP_MESSAGING_CONNECTOR_LIBERTY_KAFKA_SASL_JAAS_CONFIG",
            "WLP_OUTPUT_DIR",
            "JAVA_TOOL_OPTIONS",
            "JVM_ARGS",
            "OPENJ9_JAVA_OPTIONS",
            "PGPASSWORD",
            "POSTGRES_PASSWORD",
            "KAFKA_OPTS",
            "keystore_password",
            "KEYSTORE_PASSWORD",
            "sitewatch_db_password",
            "pgpassfile",
            "Kafka_Opts");
    for (String name : names) {
      Optional<String> problem = reserved.problem(name);
      assertTrue(problem.isPresent(), name + " should be refused");
      assertTrue(problem.get().startsWith("environment variable " + name + " "), problem.get());
    }
  }

  @Test
  void allowsOtherNamesAndThoseOnTheAllowList() {
    for (String name :
        List.of(
            "API_TOKEN",
            "SITEWATCHER_TOKEN",
            "MPX",
            "JAVAX_KEY",
            "PAGE_TOKEN",
            "KAFKA_SITE_TOKEN")) {
      assertEquals(Optional.empty(), reserved.problem(name), name + " should be allowed");
    }
  }
}
