package org.sitewatch.systemtest;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.sitewatch.infra.Directories;
import org.sitewatch.infra.InfraInfo;
import org.sitewatch.infra.LibertyServer;
import org.sitewatch.infra.LoopbackPki;

/**
 * Sitewatch against Kafka and PostgreSQL that take TLS with client certificates only, set up the
 * way an operator sets up managed services: environment variables naming PEM files.
 *
 * <p>Its own infrastructure, beside the build's plain one: InfraMain {@code --tls-dir} (a test CA,
 * a broker with an SSL listener requiring client certificates, PostgreSQL with {@code hostssl} and
 * {@code clientcert=verify-ca}) and four Liberty servers run from copies of the built ones: a
 * checker and a persister set up right, a persister given an unrelated CA, and a persister given no
 * client certificate. All start at once, so the test costs about one server start.
 */
class TlsIT {

  private static final Duration START_WAIT = Duration.ofSeconds(420);
  private static final String SITE = "tls-ok";
  private static final String CHECKER = "sitewatch-checker";
  private static final String PERSISTER = "sitewatch-persister";
  private static final String WRONG_CA = "sitewatch-persister-wrong-ca";
  private static final String NO_CERT = "sitewatch-persister-no-cert";

  private static Path work;
  private static Path usr;
  private static LoopbackPki pki;
  private static Process infra;
  private static InfraInfo info;
  private static final Map<String, Process> servers =
      Collections.synchronizedMap(new LinkedHashMap<>());
  private static final List<String> healthBodies = Collections.synchronizedList(new ArrayList<>());

  @BeforeAll
  static void startTlsStack() throws Exception {
    work = Path.of(System.getProperty("st.tls.work.dir"));
    Directories.deleteRecursively(work);
    Files.createDirectories(work);
    pki = LoopbackPki.in(work.resolve("pki"));
    Path infoFile = work.resolve("infra.properties");
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(Stack.jvmArgs());
    command.addAll(
        List.of(
            "-Xmx384m",
            "-cp",
            System.getProperty("java.class.path"),
            "org.sitewatch.infra.InfraMain",
            "--kafka-port",
            System.getProperty("st.tls.kafka.port"),
            "--postgres-port",
            System.getProperty("st.tls.postgres.port"),
            "--data-dir",
            work.resolve("data").toString(),
            "--clean",
            "--info-file",
            infoFile.toString(),
            "--tls-dir",
            pki.dir().toString(),
            "--parent-pid",
            Long.toString(ProcessHandle.current().pid())));
    infra =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(work.resolve("infra.log").toFile())
            .start();

    // Copy the servers while Kafka and PostgreSQL start.
    usr = work.resolve("usr");
    Path built = Path.of(System.getProperty("st.wlp"), "usr", "servers");
    copyServer(built.resolve(CHECKER), CHECKER);
    for (String name : List.of(PERSISTER, WRONG_CA, NO_CERT)) {
      copyServer(built.resolve(PERSISTER), name);
    }
    Path sites = work.resolve("sites.yaml");
    Files.writeString(
        sites,
        "sites:\n  - id: "
            + SITE
            + "\n    url: "
            // Not /ok: PipelineIT looks for every check answered there in the shared stack's
            // database, and this checker stores in its own.
            + Stack.target("/untracked")
            + "\n    interval: 2s\n    timeout: 2s\n");

    await("TLS Kafka and PostgreSQL ready (" + work.resolve("infra.log") + ")")
        .atMost(START_WAIT)
        .pollInterval(Duration.ofMillis(250))
        .until(
            () -> {
              assertTrue(infra.isAlive(), () -> "InfraMain exited: " + tail("infra.log"));
              return Files.exists(infoFile);
            });
    info = InfraInfo.read(infoFile);
    // Should this JVM be stopped before @AfterAll runs, the servers must not outlive it.
    Runtime.getRuntime()
        .addShutdownHook(new Thread(() -> servers.values().forEach(Process::destroy)));

    Map<String, String> checker = base("st.tls.checker");
    checker.putAll(kafkaTls(pki.caCert(), true));
    checker.put("SITEWATCH_SITES_FILE", sites.toString());
    start(CHECKER, checker);

    Map<String, String> persister = base("st.tls.persister");
    persister.putAll(kafkaTls(pki.caCert(), true));
    persister.putAll(databaseTls(pki.caCert(), true));
    start(PERSISTER, persister);

    Map<String, String> wrongCa = base("st.tls.wrong-ca");
    wrongCa.putAll(kafkaTls(pki.otherCaCert(), true));
    wrongCa.putAll(databaseTls(pki.otherCaCert(), true));
    start(WRONG_CA, wrongCa);

    Map<String, String> noCert = base("st.tls.no-cert");
    noCert.putAll(kafkaTls(pki.caCert(), false));
    noCert.putAll(databaseTls(pki.caCert(), false));
    start(NO_CERT, noCert);
  }

  @AfterAll
  static void stopTlsStack() throws InterruptedException {
    for (Process server : servers.values()) {
      server.destroy();
    }
    for (Process server : servers.values()) {
      if (!server.waitFor(60, TimeUnit.SECONDS)) {
        server.destroyForcibly();
      }
    }
    if (infra != null) {
      infra.destroy();
      if (!infra.waitFor(60, TimeUnit.SECONDS)) {
        infra.destroyForcibly();
      }
    }
  }

  @Test
  void resultsFlowOverTlsIntoCheckResult() throws SQLException {
    awaitReadiness("st.tls.checker", 200, "\"name\":\"kafka\"");
    awaitReadiness("st.tls.persister", 200, "\"name\":\"persister\"");
    await("UP rows of " + SITE + " in check_result over TLS")
        .atMost(Duration.ofSeconds(120))
        .pollInterval(Duration.ofSeconds(1))
        .until(
            () ->
                count(
                        "select count(*) from check_result where site_id = '"
                            + SITE
                            + "' and status = 'UP'")
                    >= 3);
    assertEquals(
        1,
        count("select count(*) from pg_stat_ssl where pid = pg_backend_pid() and ssl"),
        "the test's own connection is TLS");
    SQLException plain =
        assertThrows(
            SQLException.class,
            () ->
                DriverManager.getConnection(
                        info.jdbcUrl() + "?sslmode=disable", info.ownerUser(), info.ownerPassword())
                    .close(),
            "PostgreSQL refuses connections without TLS");
    assertTrue(plain.getMessage().contains("no encryption"), plain.getMessage());
  }

  @Test
  void wrongCaFailsNamingTheCaSettings() {
    String body =
        awaitReadiness(
            "st.tls.wrong-ca", 503, "SITEWATCH_KAFKA_SSL_CA_FILE", "SITEWATCH_DB_SSLROOTCERT");
    assertTrue(body.contains("not signed by a CA in"), body);
    awaitLogLine(WRONG_CA, "Kafka is not reachable", "SITEWATCH_KAFKA_SSL_CA_FILE");
    awaitLogLine(WRONG_CA, "The database is not reachable", "SITEWATCH_DB_SSLROOTCERT");
  }

  @Test
  void missingClientCertificateFailsNamingTheCertificateSettings() {
    String body =
        awaitReadiness(
            "st.tls.no-cert",
            503,
            "requires a client certificate: set SITEWATCH_KAFKA_SSL_CERT_FILE and SITEWATCH_KAFKA_SSL_KEY_FILE",
            "requires a client certificate: set SITEWATCH_DB_SSLCERT and SITEWATCH_DB_SSLKEY");
    assertFalse(body.contains("\"status\":\"UP\""), body);
    awaitLogLine(NO_CERT, "Kafka is not reachable", "SITEWATCH_KAFKA_SSL_CERT_FILE");
    awaitLogLine(NO_CERT, "The database is not reachable", "SITEWATCH_DB_SSLCERT");
  }

  /**
   * Every log the servers and the infrastructure wrote, and every health response seen, searched
   * for the passwords and private keys this run used. Waits for the other tests' conditions first,
   * so that the logs hold the interesting part (TLS failures, migrations, stored results).
   */
  @Test
  void noSecretInAnyLogOrHealthResponse() throws Exception {
    awaitReadiness("st.tls.persister", 200, "\"name\":\"persister\"");
    awaitReadiness("st.tls.wrong-ca", 503, "SITEWATCH_DB_SSLROOTCERT");
    awaitReadiness("st.tls.no-cert", 503, "SITEWATCH_DB_SSLCERT");
    awaitLogLine(NO_CERT, "Kafka is not reachable", "SITEWATCH_KAFKA_SSL_CERT_FILE");
    awaitLogLine(WRONG_CA, "Kafka is not reachable", "SITEWATCH_KAFKA_SSL_CA_FILE");

    Map<String, String> secrets = new LinkedHashMap<>();
    secrets.put("the owner role's password", info.ownerPassword());
    secrets.put("the runtime role's password", info.appPassword());
    secrets.put("a private key's PEM header", "PRIVATE KEY-----");
    for (Path key : List.of(pki.clientKey(), pki.serverKey())) {
      List<String> body =
          Files.readAllLines(key).stream().filter(l -> !l.startsWith("-----")).toList();
      assertFalse(body.isEmpty(), key + " has a body");
      for (int i = 0; i < body.size(); i++) {
        secrets.put(key.getFileName() + " line " + (i + 1), body.get(i));
      }
    }

    List<Path> logs = new ArrayList<>();
    logs.add(work.resolve("infra.log"));
    for (String name : servers.keySet()) {
      logs.add(work.resolve(name + ".out"));
      logs.addAll(files(usr.resolve("servers").resolve(name).resolve("logs")));
    }
    logs.addAll(files(work.resolve("data").resolve("postgres").resolve("log")));
    assertTrue(
        logs.stream().anyMatch(p -> p.getFileName().toString().equals("messages.log")),
        "messages.log among " + logs);
    assertTrue(logs.size() >= 10, "server and infrastructure logs found: " + logs);

    List<String> leaks = new ArrayList<>();
    for (Path log : logs) {
      String text = new String(Files.readAllBytes(log), StandardCharsets.ISO_8859_1);
      secrets.forEach(
          (what, secret) -> {
            if (text.contains(secret)) {
              leaks.add(what + " in " + log);
            }
          });
    }
    List<String> bodies = List.copyOf(healthBodies);
    assertTrue(bodies.size() >= 4, "health responses seen: " + bodies.size());
    for (String body : bodies) {
      secrets.forEach(
          (what, secret) -> {
            if (body.contains(secret)) {
              leaks.add(what + " in a health response");
            }
          });
    }
    assertEquals(
        List.of(),
        leaks,
        "secrets in " + logs.size() + " logs and " + bodies.size() + " health responses");
  }

  // --- the servers ---

  private static Map<String, String> base(String ports) {
    Map<String, String> env = new LinkedHashMap<>();
    env.put("WLP_USER_DIR", usr.toString());
    env.put("SITEWATCH_HTTP_PORT", System.getProperty(ports + ".http.port"));
    env.put("SITEWATCH_HTTPS_PORT", System.getProperty(ports + ".https.port"));
    env.put("MP_MESSAGING_CONNECTOR_LIBERTY_KAFKA_BOOTSTRAP_SERVERS", info.kafkaBootstrapServers());
    env.put("SITEWATCH_DB_HOST", info.postgresHost());
    env.put("SITEWATCH_DB_PORT", Integer.toString(info.postgresPort()));
    env.put("SITEWATCH_DB_PASSWORD", info.appPassword());
    env.put("SITEWATCH_DB_OWNER_PASSWORD", info.ownerPassword());
    return env;
  }

  private static Map<String, String> kafkaTls(Path ca, boolean clientCertificate) {
    Map<String, String> env = new LinkedHashMap<>();
    env.put("SITEWATCH_KAFKA_SSL_CA_FILE", ca.toString());
    if (clientCertificate) {
      env.put("SITEWATCH_KAFKA_SSL_CERT_FILE", pki.clientCert().toString());
      env.put("SITEWATCH_KAFKA_SSL_KEY_FILE", pki.clientKey().toString());
    }
    return env;
  }

  private static Map<String, String> databaseTls(Path ca, boolean clientCertificate) {
    Map<String, String> env = new LinkedHashMap<>();
    env.put("SITEWATCH_DB_SSLMODE", "verify-full");
    env.put("SITEWATCH_DB_SSLROOTCERT", ca.toString());
    if (clientCertificate) {
      env.put("SITEWATCH_DB_SSLCERT", pki.clientCert().toString());
      env.put("SITEWATCH_DB_SSLKEY", pki.clientKeyDer().toString());
    }
    return env;
  }

  /** The built configuration and application only: no logs, state or test drop-ins. */
  private static void copyServer(Path from, String name) throws IOException {
    Path to = usr.resolve("servers").resolve(name);
    Directories.copyTree(
        from,
        to,
        relative ->
            LibertyServer.isRuntimeState(relative)
                || relative.startsWith("dropins")
                || relative.startsWith(Path.of("apps", "expanded"))
                || relative.startsWith(Path.of("configDropins", "overrides")));
  }

  private static void start(String name, Map<String, String> settings) throws IOException {
    ProcessBuilder pb =
        new ProcessBuilder(
                Path.of(System.getProperty("st.wlp"), "bin", "server").toString(), "run", name)
            .redirectErrorStream(true)
            .redirectOutput(work.resolve(name + ".out").toFile());
    // Only what this test sets: nothing of the build's own stack or the caller's environment.
    pb.environment()
        .keySet()
        .removeIf(
            k ->
                k.startsWith("SITEWATCH_")
                    || k.startsWith("MP_MESSAGING_")
                    || k.startsWith("WLP_"));
    pb.environment().putAll(settings);
    servers.put(name, pb.start());
  }

  private static String awaitReadiness(String ports, int status, String... expected) {
    URI ready =
        URI.create(
            "http://localhost:" + System.getProperty(ports + ".http.port") + "/health/ready");
    String[] last = {"no answer"};
    await(ready + " answers " + status + " naming " + List.of(expected))
        .atMost(START_WAIT)
        .pollInterval(Duration.ofSeconds(1))
        .until(
            () -> {
              if (Stack.status(ready) < 0) {
                return false;
              }
              HttpResponse<String> response = Stack.get(ready);
              healthBodies.add(response.body());
              last[0] = response.statusCode() + " " + response.body();
              return response.statusCode() == status
                  && Stream.of(expected).allMatch(response.body()::contains);
            });
    return last[0];
  }

  private static void awaitLogLine(String server, String... parts) {
    Path messages = usr.resolve("servers").resolve(server).resolve("logs").resolve("messages.log");
    await(messages + " has a line with " + List.of(parts))
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(500))
        .until(
            () ->
                Files.exists(messages)
                    && Files.readAllLines(messages, StandardCharsets.ISO_8859_1).stream()
                        .anyMatch(line -> Stream.of(parts).allMatch(line::contains)));
  }

  // --- the database ---

  private static long count(String sql) throws SQLException {
    Properties props = new Properties();
    props.setProperty("user", info.ownerUser());
    props.setProperty("password", info.ownerPassword());
    props.setProperty("sslmode", "verify-full");
    props.setProperty("sslrootcert", pki.caCert().toString());
    props.setProperty("sslcert", pki.clientCert().toString());
    props.setProperty("sslkey", pki.clientKeyDer().toString());
    try (Connection c = DriverManager.getConnection(info.jdbcUrl(), props);
        Statement st = c.createStatement();
        ResultSet rs = st.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  // --- files ---

  private static List<Path> files(Path dir) throws IOException {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      return paths.filter(Files::isRegularFile).toList();
    }
  }

  private static String tail(String file) {
    try {
      List<String> lines = Files.readAllLines(work.resolve(file), StandardCharsets.ISO_8859_1);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
