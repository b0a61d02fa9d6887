package org.sitewatch.infra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

class StackPlanTest {

  private static final Path CWD = Path.of("/home/dev/sitewatch");

  /** Hands out pw1, pw2, ... so that each generated password is recognisable. */
  private static Supplier<String> passwords() {
    Iterator<String> it = List.of("pw1", "pw2", "pw3").iterator();
    return it::next;
  }

  private static StackPlan plan(Map<String, String> env, String... args)
      throws CommandLine.UsageException {
    CommandLine cl =
        CommandLine.parse(args, StackOptions.valueOptions(Set.of()), StackOptions.FLAG_OPTIONS);
    return StackPlan.decide(env, cl, CWD, passwords());
  }

  @Test
  void cleanEnvironmentGetsEverythingEmbeddedWithTheDefaultPorts() throws Exception {
    StackPlan plan = plan(Map.of());

    assertTrue(plan.embeddedKafka(), "embedded Kafka");
    assertTrue(plan.embeddedPostgres(), "embedded PostgreSQL");
    assertEquals("127.0.0.1:19092", plan.kafkaBootstrapServers(), "bootstrap");
    assertEquals(15432, plan.postgresPort(), "PostgreSQL port");
    assertEquals("pw1", plan.ownerPassword(), "generated owner password");
    assertEquals("pw2", plan.appPassword(), "generated app password");
    assertEquals(
        Map.of(
            "MP_MESSAGING_CONNECTOR_LIBERTY_KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:19092",
            "SITEWATCH_SITES_FILE", "/home/dev/sitewatch/sites.yaml",
            "SITEWATCH_HTTP_PORT", "9080",
            "SITEWATCH_HTTPS_PORT", "9443"),
        plan.checkerEnvironment(),
        "checker environment");
    assertEquals(
        Map.of(
            "MP_MESSAGING_CONNECTOR_LIBERTY_KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:19092",
            "SITEWATCH_DB_HOST", "127.0.0.1",
            "SITEWATCH_DB_PORT", "15432",
            "SITEWATCH_DB_NAME", "sitewatch",
            "SITEWATCH_DB_USER", "sitewatch_app",
            "SITEWATCH_DB_PASSWORD", "pw2",
            "SITEWATCH_DB_OWNER_USER", "sitewatch_owner",
            "SITEWATCH_DB_OWNER_PASSWORD", "pw1",
            "SITEWATCH_HTTP_PORT", "9081",
            "SITEWATCH_HTTPS_PORT", "9444"),
        plan.persisterEnvironment(),
        "persister environment");
    assertEquals(List.of(), plan.notes(), "nothing taken from the environment");
  }

  @Test
  void optionsMoveThePorts() throws Exception {
    StackPlan plan =
        plan(
            Map.of(),
            "--kafka-port",
            "29092",
            "--postgres-port",
            "25433",
            "--checker-http-port",
            "8080",
            "--checker-https-port",
            "8443",
            "--persister-http-port",
            "8081",
            "--persister-https-port",
            "8444",
            "--sites-file",
            "conf/../my-sites.yaml");

    assertEquals("127.0.0.1:29092", plan.kafkaBootstrapServers(), "bootstrap");
    assertEquals(25433, plan.postgresPort(), "PostgreSQL port");
    assertEquals("25433", plan.persisterEnvironment().get("SITEWATCH_DB_PORT"), "DB port");
    assertEquals("8080", plan.checkerEnvironment().get("SITEWATCH_HTTP_PORT"), "checker http");
    assertEquals("8443", plan.checkerEnvironment().get("SITEWATCH_HTTPS_PORT"), "checker https");
    assertEquals("8081", plan.persisterEnvironment().get("SITEWATCH_HTTP_PORT"), "pers. http");
    assertEquals("8444", plan.persisterEnvironment().get("SITEWATCH_HTTPS_PORT"), "pers. https");
    assertEquals(
        "/home/dev/sitewatch/my-sites.yaml",
        plan.checkerEnvironment().get("SITEWATCH_SITES_FILE"),
        "sites file resolved against the working directory");
    assertEquals(List.of(8080, 8443, 8081, 8444), plan.libertyPorts(), "ports to check");
  }

  @Test
  void externalKafkaIsUsedAndPassedThrough() throws Exception {
    Map<String, String> env =
        Map.of("MP_MESSAGING_CONNECTOR_LIBERTY_KAFKA_BOOTSTRAP_SERVERS", "broker:9092");

    StackPlan plan = plan(env);

    assertFalse(plan.embeddedKafka(), "no embedded Kafka");
    assertEquals("broker:9092", plan.kafkaBootstrapServers(), "bootstrap");
    assertFalse(
        plan.checkerEnvironment()
            .containsKey("MP_MESSAGING_CONNECTOR_LIBERTY_KAFKA_BOOTSTRAP_SERVERS"),
        "inherited, not added, for the checker");
    assertFalse(
        plan.persisterEnvironment()
            .containsKey("MP_MESSAGING_CONNECTOR_LIBERTY_KAFKA_BOOTSTRAP_SERVERS"),
        "inherited, not added, for the persister");
    assertEquals(1, plan.notes().size(), "one note: " + plan.notes());
    assertTrue(plan.notes().get(0).contains("embedded broker is not started"), plan.notes().get(0));
  }

  @Test
  void externalPostgresGetsNoDatabaseVariablesAdded() throws Exception {
    Map<String, String> env =
        Map.of("SITEWATCH_DB_HOST", "db.example", "SITEWATCH_DB_PORT", "5432");

    StackPlan plan = plan(env);

    assertFalse(plan.embeddedPostgres(), "no embedded PostgreSQL");
    assertEquals(5432, plan.postgresPort(), "port from the environment");
    assertNull(plan.ownerPassword(), "no owner password generated");
    assertNull(plan.appPassword(), "no app password generated");
    assertEquals(
        Map.of(
            "MP_MESSAGING_CONNECTOR_LIBERTY_KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:19092",
            "SITEWATCH_HTTP_PORT", "9081",
            "SITEWATCH_HTTPS_PORT", "9444"),
        plan.persisterEnvironment(),
        "persister environment: the SITEWATCH_DB_* come from the launcher's environment");
    assertEquals(1, plan.notes().size(), "one note: " + plan.notes());
    assertTrue(plan.notes().get(0).contains("db.example"), plan.notes().get(0));
  }

  @Test
  void embeddedPostgresAdoptsPortAndPasswordsFromTheEnvironment() throws Exception {
    Map<String, String> env =
        Map.of(
            "SITEWATCH_DB_PORT", "25432",
            "SITEWATCH_DB_PASSWORD", "app-secret",
            "SITEWATCH_DB_OWNER_PASSWORD", "owner-secret");

    StackPlan plan = plan(env);

    assertTrue(plan.embeddedPostgres(), "embedded PostgreSQL");
    assertEquals(25432, plan.postgresPort(), "listens where the persister will look");
    assertEquals("owner-secret", plan.ownerPassword(), "owner role password");
    assertEquals("app-secret", plan.appPassword(), "app role password");
    Map<String, String> persister = plan.persisterEnvironment();
    assertFalse(persister.containsKey("SITEWATCH_DB_PORT"), "port inherited unchanged");
    assertFalse(persister.containsKey("SITEWATCH_DB_PASSWORD"), "password inherited unchanged");
    assertFalse(persister.containsKey("SITEWATCH_DB_OWNER_PASSWORD"), "inherited unchanged");
    assertEquals("127.0.0.1", persister.get("SITEWATCH_DB_HOST"), "host added");
  }

  @Test
  void embeddedPostgresRefusesAContradictingPortOrName() {
    assertThrows(
        CommandLine.UsageException.class,
        () -> plan(Map.of("SITEWATCH_DB_PORT", "25432"), "--postgres-port", "15432"),
        "two different ports");
    CommandLine.UsageException e =
        assertThrows(
            CommandLine.UsageException.class,
            () -> plan(Map.of("SITEWATCH_DB_USER", "someone")),
            "a role the embedded database does not have");
    assertTrue(e.getMessage().contains("SITEWATCH_DB_HOST"), e.getMessage());
  }

  @Test
  void sameValueAsTheEmbeddedOneIsFine() throws Exception {
    StackPlan plan =
        plan(
            Map.of("SITEWATCH_DB_PORT", "15432", "SITEWATCH_DB_USER", "sitewatch_app"),
            "--postgres-port",
            "15432");

    assertEquals(15432, plan.postgresPort(), "port");
    assertFalse(plan.persisterEnvironment().containsKey("SITEWATCH_DB_USER"), "inherited");
  }

  @Test
  void sitesFileFromTheEnvironmentIsPassedThrough() throws Exception {
    Map<String, String> env = Map.of("SITEWATCH_SITES_FILE", "/etc/sitewatch/sites.yaml");

    StackPlan plan = plan(env, "--sites-file", "ignored.yaml");

    assertFalse(plan.checkerEnvironment().containsKey("SITEWATCH_SITES_FILE"), "inherited");
    assertEquals(
        Optional.of(Path.of("/etc/sitewatch/sites.yaml")), plan.sitesFile(env), "sites file");
  }

  @Test
  void sharedHttpPortFromTheEnvironmentWouldClashAndIsRefused() {
    CommandLine.UsageException e =
        assertThrows(
            CommandLine.UsageException.class,
            () -> plan(Map.of("SITEWATCH_HTTP_PORT", "8080")),
            "both servers on 8080");
    assertTrue(e.getMessage().contains("--checker-http-port"), e.getMessage());
  }

  @Test
  void sharedHttpPortFromTheEnvironmentWorksWhenOneServerHasItsOwnOption() throws Exception {
    StackPlan plan =
        plan(
            Map.of("SITEWATCH_HTTP_PORT", "8080", "SITEWATCH_HTTPS_PORT", "8443"),
            "--persister-http-port",
            "8081",
            "--persister-https-port",
            "8444");

    assertEquals("8080", plan.checkerEnvironment().get("SITEWATCH_HTTP_PORT"), "from env");
    assertEquals("8443", plan.checkerEnvironment().get("SITEWATCH_HTTPS_PORT"), "from env");
    assertEquals("8081", plan.persisterEnvironment().get("SITEWATCH_HTTP_PORT"), "option wins");
    assertEquals("8444", plan.persisterEnvironment().get("SITEWATCH_HTTPS_PORT"), "option wins");
  }

  @Test
  void blankVariablesCountAsUnset() throws Exception {
    StackPlan plan =
        plan(
            Map.of(
                "SITEWATCH_DB_HOST",
                " ",
                "MP_MESSAGING_CONNECTOR_LIBERTY_KAFKA_BOOTSTRAP_SERVERS",
                ""));

    assertTrue(plan.embeddedKafka(), "embedded Kafka");
    assertTrue(plan.embeddedPostgres(), "embedded PostgreSQL");
    assertEquals("127.0.0.1", plan.persisterEnvironment().get("SITEWATCH_DB_HOST"), "replaced");
  }

  @Test
  void toStringKeepsThePasswordsOut() throws Exception {
    String text = plan(Map.of()).toString();

    assertFalse(text.contains("pw1") || text.contains("pw2"), text);
  }
}
