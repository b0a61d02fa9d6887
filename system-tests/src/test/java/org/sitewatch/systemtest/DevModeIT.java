package org.sitewatch.systemtest;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.sitewatch.infra.Directories;

/**
 * The README's dev loop, {@code ./mvnw -pl checker-war -am liberty:dev}, run as a developer would:
 * the server it starts is Sitewatch's checker (ready, with its Kafka check), a Java class added
 * while it runs is compiled and served without a restart, and {@code q} stops it.
 *
 * <p>It runs in a copy of the work tree (the sources it needs, no build output), so the class it
 * adds never lands in the real one, against the stack's Kafka. Its own ports, server name
 * (sitewatch-devmode-it, in the build's Liberty runtime), results topic, catalogue topic and
 * checker group, so it adds nothing to what the stack's persister reads, retires none of the stack
 * checker's sites and takes none of them over.
 *
 * <p>The property it guards: dev mode's server notices recompiled classes. With liberty:dev's
 * sitewatch.app.update.trigger left at mbean (the parent pom), the class compiles, no CWWKZ0003I
 * follows, and this test fails waiting for the added class.
 */
class DevModeIT {

  private static final String SERVER = "sitewatch-devmode-it";
  private static final Set<String> MODULES_BUILT =
      Set.of("common-jar", "support-jar", "liberty-config", "checker-war");
  private static final String ADDED_CLASS =
      """
      package org.sitewatch.checker.api;

      import jakarta.ws.rs.GET;
      import jakarta.ws.rs.Path;

      @Path("devmode-it")
      public class DevModeReload {
        @GET
        public String get() {
          return "reloaded";
        }
      }
      """;

  private static Path work;
  private static Path tree;
  private static Path log;
  private static Process devMode;

  @BeforeAll
  static void copyTheWorkTree() throws IOException {
    Path repo = Path.of(System.getProperty("sitewatch.repo.dir"));
    work = Path.of(System.getProperty("st.devmode.work.dir"));
    tree = work.resolve("tree");
    log = work.resolve("liberty-dev.log");
    Directories.deleteRecursively(work);
    // Every module's pom (the reactor reads them all), the sources of the four dev mode builds.
    Directories.copyTree(
        repo,
        tree,
        relative ->
            relative.endsWith("target")
                || relative.endsWith(".git")
                || (relative.getNameCount() == 2
                    && relative.endsWith("src")
                    && !MODULES_BUILT.contains(relative.getName(0).toString())));
    // One site (the checker is ready once it schedules one), on a port nothing listens on.
    Files.writeString(
        work.resolve("sites.yaml"),
        "sites:\n  - id: devmode-it\n    url: http://127.0.0.1:%s/\n    interval: 1h\n"
            .formatted(System.getProperty("st.closed.port")));
  }

  @AfterAll
  static void stopWhatIsLeft() throws InterruptedException {
    if (devMode != null && devMode.isAlive()) {
      devMode.descendants().forEach(ProcessHandle::destroyForcibly);
      devMode.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
    }
  }

  @Test
  void devModeRunsTheCheckerAndServesAJavaChangeWithoutARestart() throws Exception {
    String port = System.getProperty("st.devmode.http.port");
    devMode = start(port);
    URI ready = URI.create("http://localhost:" + port + "/health/ready");
    URI added = URI.create("http://localhost:" + port + "/checker/devmode-it");

    await("dev mode's checker is ready; output in " + log)
        .atMost(Duration.ofMinutes(5))
        .pollInterval(Duration.ofSeconds(1))
        .failFast("dev mode ended", () -> !devMode.isAlive())
        .until(() -> Stack.status(ready) == 200);
    // Dev mode watches the sources only once its first pass over the modules is done (ci.maven's
    // own tests wait for this line); a file written before it is never seen.
    await("dev mode watches the sources; output in " + log)
        .atMost(Duration.ofMinutes(1))
        .pollInterval(Duration.ofMillis(500))
        .until(() -> output().contains("Recompile skipped for checker-war"));
    String readiness = Stack.get(ready).body();
    assertTrue(readiness.contains("\"kafka\""), "Sitewatch's own readiness checks: " + readiness);
    assertEquals(404, Stack.status(added), "nothing at " + added + " before the change");

    Path source =
        tree.resolve("checker-war/src/main/java/org/sitewatch/checker/api/DevModeReload.java");
    Files.writeString(source, ADDED_CLASS);
    await("the added class answers without a restart; output in " + log)
        .atMost(Duration.ofMinutes(2))
        .pollInterval(Duration.ofSeconds(1))
        .until(() -> Stack.status(added) == 200);
    assertEquals("reloaded", Stack.get(added).body());
    assertTrue(output().contains("CWWKZ0003I"), "dev mode reports the application updated");

    try (OutputStream keys = devMode.getOutputStream()) {
      keys.write("q\n".getBytes(StandardCharsets.UTF_8));
    }
    assertTrue(devMode.waitFor(90, TimeUnit.SECONDS), "q stops dev mode; output in " + log);
    assertEquals(0, devMode.exitValue(), "dev mode's exit status; output in " + log);
    assertTrue(output().contains("CWWKE0036I"), "the server stopped; output in " + log);
  }

  /** What the README says, plus where this test's checker runs and what it must not touch. */
  private static Process start(String httpPort) throws IOException {
    Path wlp = Path.of(System.getProperty("st.wlp"));
    ProcessBuilder builder =
        new ProcessBuilder(
                List.of(
                    tree.resolve("mvnw").toString(),
                    "-B",
                    "-o",
                    "-Dmaven.repo.local=" + System.getProperty("st.maven.repo.local"),
                    "-pl",
                    "checker-war",
                    "-am",
                    "liberty:dev",
                    "-Ddebug=false",
                    "-Dmaven.test.skip=true",
                    "-DserverStartTimeout=180",
                    "-DskipInstallFeature=true",
                    "-Dliberty.serverName=" + SERVER,
                    "-Dsitewatch.wlp.parent=" + wlp.getParent(),
                    "-Dsitewatch.dev.sites.file=" + work.resolve("sites.yaml"),
                    "-Dliberty.jvm.results-topic=-Dmp.messaging.outgoing.check-results.topic="
                        + "sitewatch.devmode-it.check-results"))
            .directory(tree.toFile())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile());
    builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
    builder
        .environment()
        .put("MP_MESSAGING_CONNECTOR_LIBERTY_KAFKA_BOOTSTRAP_SERVERS", Stack.kafkaBootstrap());
    builder.environment().put("SITEWATCH_HTTP_PORT", httpPort);
    builder.environment().put("SITEWATCH_HTTPS_PORT", System.getProperty("st.devmode.https.port"));
    builder.environment().put("SITEWATCH_CATALOG_TOPIC", "sitewatch.devmode-it.sites");
    // Its own checker group: in the stack checker's, the two would split the sites between them.
    builder.environment().put("SITEWATCH_CHECKERS_GROUP", "sitewatch-devmode-it-checkers");
    return builder.start();
  }

  private static String output() throws IOException {
    return Files.readString(log);
  }
}
