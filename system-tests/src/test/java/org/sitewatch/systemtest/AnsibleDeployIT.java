package org.sitewatch.systemtest;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.sitewatch.infra.Directories;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.Yaml;

/**
 * The Ansible playbooks as users run them, on this machine: ansible-lint passes; site.yml with a
 * local connection installs Liberty from the runtime zip into a prefix under target/, creates both
 * servers with their secrets from a Vault file and starts them with {@code server start} (no
 * systemd here), against the build's Kafka and PostgreSQL; results reach the database; a second run
 * changes nothing; deploy.yml rolls out a rebuilt checker WAR. As in the split example inventory,
 * two checkers share the sites: the second is this machine under another inventory name, with
 * servers and ports of its own, on the Liberty install the first made (as {@code
 * liberty_existing_home}).
 *
 * <p>The deployed pair has its own topic and consumer group, so it neither takes partitions from
 * the build's persister nor adds results to its topic; its checker watches the deployed persister's
 * liveness endpoint.
 */
class AnsibleDeployIT {

  private static final Pattern RECAP =
      Pattern.compile(
          "^(\\S+)\\s*:\\s*ok=(\\d+)\\s+changed=(\\d+)\\s+unreachable=(\\d+)\\s+failed=(\\d+)",
          Pattern.MULTILINE);
  private static final String SITE_ID = "ansible-deployed";

  /** Enough sites that each of two checkers surely owns some: ownership goes by hash. */
  private static final int SITES_COUNT = 20;

  private static final String CHECKERS_GROUP = "sitewatch-ansible-it-checkers";
  private static final String TOPIC = "sitewatch.ansible-it.check-results";

  /**
   * Its own catalogue too: a checker retires every catalogued site its file does not list, which
   * would retire the stack checker's.
   */
  private static final String SITES = "sitewatch.ansible-it.sites";

  private static final String LOGIN_USER = "ansible-it";
  private static final String LOGIN_PASSWORD = "ansible-it-Login-3";
  private static final Duration PLAYBOOK_TIMEOUT = Duration.ofMinutes(15);

  private static Path repo;
  private static Path ansible;
  private static Path work;
  private static Path wlp;
  private static Path userDir;
  private static Path inventory;
  private static Path vaultPassword;
  private static int runs;

  /**
   * A checker host of the inventory: this machine under an inventory name, its servers under {@code
   * prefix}, run by the Liberty install {@code wlp}.
   */
  private record CheckerHost(String name, Path prefix, Path wlp, int httpPort, int httpsPort) {
    Path userDir() {
      return prefix.resolve("var/lib/sitewatch");
    }

    Path deployedWar() {
      return userDir().resolve("servers/sitewatch-checker/apps/checker-war.war");
    }

    URI readiness() {
      return URI.create("http://localhost:" + httpPort + "/health/ready");
    }
  }

  /** The persister's host first: it runs one of the checkers too. */
  private static List<CheckerHost> checkers;

  @BeforeAll
  static void prepare() throws Exception {
    OpsTools.ensureInstalled();
    repo = Path.of(System.getProperty("sitewatch.repo.dir"));
    ansible = repo.resolve("ansible");
    work = Path.of(System.getProperty("ansible.it.dir")).toAbsolutePath();
    Directories.deleteRecursively(work);
    Files.createDirectories(work);
    checkers =
        List.of(
            new CheckerHost(
                "localhost",
                work.resolve("prefix"),
                work.resolve("prefix/opt/openliberty/wlp"),
                port("st.ansible.checker.http.port"),
                port("st.ansible.checker.https.port")),
            // The Liberty install the first host's play made: the role's existing-install path.
            new CheckerHost(
                "checker-2",
                work.resolve("prefix-checker-2"),
                work.resolve("prefix/opt/openliberty/wlp"),
                port("st.ansible.checker2.http.port"),
                port("st.ansible.checker2.https.port")));
    wlp = checkers.get(0).wlp();
    userDir = checkers.get(0).userDir();
    vaultPassword = work.resolve("vault-password");
    byte[] random = new byte[24];
    new SecureRandom().nextBytes(random);
    Files.writeString(vaultPassword, HexFormat.of().formatHex(random) + "\n");
    writeInventory();
  }

  @AfterAll
  static void stopServers() throws Exception {
    if (work == null) {
      return;
    }
    stop(checkers.get(0), "sitewatch-persister");
    for (CheckerHost host : checkers) {
      stop(host, "sitewatch-checker");
    }
  }

  private static void stop(CheckerHost host, String server) throws Exception {
    if (Files.isExecutable(host.wlp().resolve("bin/server"))) {
      Processes.run(
          work,
          Map.of("WLP_USER_DIR", host.userDir().toString()),
          work.resolve("logs/stop-" + host.name() + "-" + server + ".log"),
          Duration.ofMinutes(2),
          List.of(host.wlp().resolve("bin/server").toString(), "stop", server));
    }
  }

  @Test
  void ansibleLintPasses() throws Exception {
    Processes.Result lint =
        Processes.run(
            ansible,
            Map.of("NO_COLOR", "1"),
            work.resolve("logs/ansible-lint.log"),
            Duration.ofMinutes(3),
            List.of("ansible-lint", "--nocolor"));
    assertEquals(0, lint.exitCode(), "ansible-lint finds nothing: " + lint.describe());
  }

  /**
   * The shipped example inventories load with the example Vault password the README documents: both
   * groups, the passwords from the vault, the split inventory on separate hosts.
   */
  @Test
  @SuppressWarnings("unchecked")
  void exampleInventoriesLoadWithTheDocumentedVaultPassword() throws Exception {
    Path password = work.resolve("example-vault-password");
    Files.writeString(password, "sitewatch-example-only\n");
    for (String example : List.of("single-host", "split")) {
      Processes.Result list =
          Processes.run(
              ansible,
              Map.of(),
              work.resolve("logs/ansible-inventory-" + example + ".log"),
              Duration.ofMinutes(2),
              List.of(
                  "ansible-inventory",
                  "-i",
                  "inventories/" + example + "/hosts.yml",
                  "--vault-password-file",
                  password.toString(),
                  "--list"));
      assertEquals(0, list.exitCode(), list.describe());
      String json = list.output().substring(list.output().indexOf('{'));
      Map<String, Object> inventory = new Yaml().load(json);
      List<String> persisters =
          (List<String>) ((Map<String, Object>) inventory.get("persisters")).get("hosts");
      List<String> checkers =
          (List<String>) ((Map<String, Object>) inventory.get("checkers")).get("hosts");
      assertFalse(persisters.isEmpty(), example + " has persisters");
      assertFalse(checkers.isEmpty(), example + " has checkers");
      assertEquals(
          example.equals("single-host"),
          persisters.equals(checkers),
          example + ": persisters " + persisters + ", checkers " + checkers);
      Map<String, Object> hostVars =
          (Map<String, Object>)
              ((Map<String, Object>) ((Map<String, Object>) inventory.get("_meta")).get("hostvars"))
                  .get(persisters.get(0));
      assertTrue(
          hostVars.containsKey("vault_sitewatch_db_password")
              && hostVars.containsKey("vault_sitewatch_db_owner_password"),
          example + ": the vault holds both passwords: " + hostVars.keySet());
    }
  }

  @Test
  void provisionsBothServersIdempotentlyAndRollsOutARebuiltWar() throws Exception {
    Processes.Result first = playbook("site.yml");
    assertRecap(first, 0);
    int changedFirst = changed(first);
    assertTrue(changedFirst > 10, "the first run installs everything: " + first.tail());
    for (CheckerHost host : checkers) {
      assertReady(host.httpPort());
      AnyCertificate.assertReadyOverHttps(host.name(), host.httpsPort());
    }
    assertReady(persisterPort());
    AnyCertificate.assertReadyOverHttps("persister", port("st.ansible.persister.https.port"));
    assertSecretsStayInServerEnv(first);
    assertHeapIsSet("256m");
    assertTheCheckersShareTheSites();

    Instant deployedAt = Instant.now();
    await("results of the deployed checker reach the database through the deployed persister")
        .atMost(Duration.ofSeconds(90))
        .pollInterval(Duration.ofSeconds(1))
        .until(() -> rowsSince(deployedAt.minusSeconds(300)) >= 2);
    await("results of both checkers are stored")
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofSeconds(1))
        .until(
            () ->
                checkersSince(deployedAt.minusSeconds(300))
                    .equals(Set.of("localhost", "checker-2")));
    URI history = persisterUri("/api/sites/" + SITE_ID + "/results?limit=1");
    assertEquals(401, Stack.get(history).statusCode(), "the history asks for the login");
    assertEquals(
        200,
        Stack.get(history, LOGIN_USER + ":" + LOGIN_PASSWORD).statusCode(),
        "the deployed persister serves the stored history behind its login");
    assertEquals(
        200,
        Stack.get(persisterUri("/badge/" + SITE_ID + "/status.svg")).statusCode(),
        "its badges are public (sitewatch_server_login_badges_public)");

    Processes.Result second = playbook("site.yml");
    assertRecap(second, 0);
    assertEquals(0, changed(second), "a second run changes nothing:\n" + second.tail());
    assertABadSitesFileFailsTheRunAndChangesNothing();
    assertAMisspeltSettingFailsAtTheStart();

    List<Long> checkerPids = checkerPids();
    long persisterPid = pid(userDir, "sitewatch-persister");
    Path rebuilt = rebuiltCheckerWar("first");
    Processes.Result redeploy =
        playbook("deploy.yml", "-e", "sitewatch_server_checker_war_path=" + rebuilt);
    assertRecap(redeploy, 0);
    assertTrue(
        changed(redeploy) >= 4,
        "each checker's WAR is copied and the checker restarted: " + redeploy.tail());
    List<Long> redeployedPids = checkerPids();
    for (int i = 0; i < checkers.size(); i++) {
      CheckerHost host = checkers.get(i);
      assertEquals(
          -1,
          Files.mismatch(rebuilt, host.deployedWar()),
          "the rebuilt WAR is the one deployed on " + host.name());
      assertNotEquals(
          checkerPids.get(i), redeployedPids.get(i), host.name() + "'s checker was restarted");
      assertReady(host.httpPort());
    }
    assertEquals(
        persisterPid, pid(userDir, "sitewatch-persister"), "the unchanged persister was not");
    assertTheCheckersShareTheSites();
    Instant redeployedAt = Instant.now();
    await("the redeployed checker's results are stored")
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofSeconds(1))
        .until(() -> rowsSince(redeployedAt) >= 1);

    assertRolloutStopsAtAServerThatDoesNotBecomeReady(rebuilt);
  }

  /** The role's argument specs: a misspelt choice fails before any task, naming the variable. */
  private static void assertAMisspeltSettingFailsAtTheStart() throws Exception {
    Processes.Result failed = playbook("site.yml", "-e", "sitewatch_server_service_manager=sytemd");
    assertNotEquals(0, failed.exitCode(), "the run fails: " + failed.tail());
    assertTrue(
        failed
            .output()
            .contains(
                "value of sitewatch_server_service_manager must be one of: auto, systemd, script,"
                    + " got: sytemd"),
        "the check names the variable and its choices: " + failed.tail());
    assertEquals(0, changed(failed), "nothing changed: " + failed.tail());
  }

  /**
   * A sites file with a mistake fails the run at its check on the host, which names the problem;
   * the running checker keeps its file and is not restarted. (Run on one checker host, as a user
   * trying a change on one host first would, with {@code --limit}.)
   */
  private static void assertABadSitesFileFailsTheRunAndChangesNothing() throws Exception {
    CheckerHost host = checkers.get(1);
    Path installed = host.userDir().resolve("servers/sitewatch-checker/sites.yaml");
    String before = Files.readString(installed);
    long checkerPid = pid(host.userDir(), "sitewatch-checker");
    Path bad = work.resolve("bad-sites.yaml");
    Files.writeString(bad, "sites:\n  - url: http://localhost:1/\n    interval: 500ms\n");
    Processes.Result failed =
        playbook("site.yml", "--limit", host.name(), "-e", "sitewatch_server_sites_file=" + bad);
    assertNotEquals(0, failed.exitCode(), "the run fails: " + failed.tail());
    assertTrue(
        failed.output().contains(":3: sites[0].interval: interval 500ms is out of range"),
        "the check names the file's problem: " + failed.tail());
    assertEquals(before, Files.readString(installed), "the installed sites file is unchanged");
    assertEquals(checkerPid, pid(host.userDir(), "sitewatch-checker"), "the checker keeps running");
  }

  /**
   * A persister WAR that cannot start: its host never becomes ready, so the rollout stops there and
   * the checkers (the next play) keep what they run, although a new checker WAR was given too.
   */
  private static void assertRolloutStopsAtAServerThatDoesNotBecomeReady(Path runningCheckerWar)
      throws Exception {
    Path broken = work.resolve("broken/persister-war.war");
    Files.createDirectories(broken.getParent());
    Files.writeString(broken, "not a WAR\n");
    Path newerChecker = rebuiltCheckerWar("second");
    List<Long> checkerPids = checkerPids();
    Processes.Result failed =
        playbook(
            "deploy.yml",
            "-e",
            "sitewatch_server_persister_war_path=" + broken,
            "-e",
            "sitewatch_server_checker_war_path=" + newerChecker,
            "-e",
            "sitewatch_server_ready_timeout=20");
    assertNotEquals(0, failed.exitCode(), "the rollout fails: " + failed.tail());
    assertTrue(
        failed.output().contains("Wait until the server is ready"),
        "it failed waiting: " + failed.tail());
    assertFalse(
        failed.output().contains("PLAY [Redeploy the checkers"),
        "the checkers were not touched: " + failed.tail());
    assertEquals(checkerPids, checkerPids(), "the checkers kept running");
    for (CheckerHost host : checkers) {
      assertEquals(
          -1,
          Files.mismatch(runningCheckerWar, host.deployedWar()),
          host.name() + "'s checker keeps its WAR");
    }
    assertEquals(
        503, Stack.status(persisterUri("/health/ready")), "the broken persister is not ready");
  }

  private static void writeInventory() throws IOException {
    Properties info = Stack.info();
    Path sites = work.resolve("sites.yaml");
    StringBuilder sitesYaml =
        new StringBuilder("# The deployed checkers watch the deployed persister.\nsites:\n");
    for (int i = 0; i < SITES_COUNT; i++) {
      sitesYaml
          .append("  - id: ")
          .append(i == 0 ? SITE_ID : SITE_ID + "-" + i)
          .append("\n    url: http://localhost:")
          .append(persisterPort())
          .append("/health/live")
          .append(i == 0 ? "\n    interval: 2s\n" : "\n    interval: 10s\n")
          .append("    timeout: 2s\n");
    }
    Files.writeString(sites, sitesYaml);

    Map<String, Object> vars = new LinkedHashMap<>();
    vars.put("ansible_connection", "local");
    vars.put("ansible_python_interpreter", "/usr/bin/python3");
    vars.put("liberty_install_dir", wlp.getParent().toString());
    vars.put("liberty_download_dir", work.resolve("prefix/var/cache").toString());
    vars.put("liberty_runtime_zip", System.getProperty("liberty.runtime.zip"));
    vars.put("sitewatch_server_user_dir", userDir.toString());
    vars.put("sitewatch_server_user", System.getProperty("user.name"));
    vars.put("sitewatch_server_group", primaryGroup());
    vars.put("sitewatch_server_create_user", false);
    vars.put("sitewatch_server_service_manager", "script");
    vars.put("sitewatch_server_listen_host", "localhost");
    vars.put("sitewatch_server_checker_http_port", checkers.get(0).httpPort());
    vars.put("sitewatch_server_checker_https_port", checkers.get(0).httpsPort());
    vars.put("sitewatch_server_persister_http_port", persisterPort());
    vars.put("sitewatch_server_persister_https_port", port("st.ansible.persister.https.port"));
    vars.put("sitewatch_server_ready_timeout", 240);
    vars.put("sitewatch_server_checker_heap_max", "256m");
    vars.put("sitewatch_server_persister_heap_max", "256m");
    vars.put("sitewatch_server_jvm_options", Stack.jvmArgs());
    vars.put("sitewatch_server_kafka_bootstrap_servers", Stack.kafkaBootstrap());
    vars.put("sitewatch_server_kafka_topic_partitions", 2);
    vars.put("sitewatch_server_db_host", info.getProperty("postgres.host"));
    vars.put("sitewatch_server_db_port", Integer.parseInt(info.getProperty("postgres.port")));
    vars.put("sitewatch_server_db_name", info.getProperty("postgres.database"));
    vars.put("sitewatch_server_db_user", info.getProperty("postgres.app.user"));
    vars.put("sitewatch_server_db_owner_user", info.getProperty("postgres.owner.user"));
    vars.put("sitewatch_server_db_password", "{{ vault_sitewatch_db_password }}");
    vars.put("sitewatch_server_db_owner_password", "{{ vault_sitewatch_db_owner_password }}");
    vars.put("sitewatch_server_postgresql_driver_jar", System.getProperty("postgresql.driver.jar"));
    vars.put("sitewatch_server_sites_file", sites.toString());
    vars.put("sitewatch_server_login_enabled", true);
    vars.put("sitewatch_server_login_user", LOGIN_USER);
    vars.put("sitewatch_server_login_password", LOGIN_PASSWORD);
    vars.put("sitewatch_server_login_badges_public", true);
    vars.put(
        "sitewatch_server_checker_config_properties",
        Map.of(
            "mp.messaging.outgoing.check-results.topic",
            TOPIC,
            "sitewatch.catalog.topic",
            SITES,
            // Its own checker group: in the stack checker's, the two would split two site lists.
            "sitewatch.checkers.group",
            CHECKERS_GROUP));
    vars.put(
        "sitewatch_server_persister_config_properties",
        Map.of(
            "mp.messaging.incoming.check-results.topic",
            TOPIC,
            "mp.messaging.outgoing.check-results-dlq.topic",
            TOPIC + ".dlq",
            "mp.messaging.incoming.check-results.group.id",
            "sitewatch-ansible-it",
            "mp.messaging.incoming.site-catalog.topic",
            SITES,
            "mp.messaging.incoming.site-catalog.group.id",
            "sitewatch-ansible-it-catalog"));

    Map<String, Object> checkerHosts = new LinkedHashMap<>();
    checkerHosts.put("localhost", Map.of());
    CheckerHost second = checkers.get(1);
    checkerHosts.put(
        second.name(),
        Map.of(
            "liberty_existing_home", second.wlp().toString(),
            "sitewatch_server_user_dir", second.userDir().toString(),
            "sitewatch_server_checker_http_port", second.httpPort(),
            "sitewatch_server_checker_https_port", second.httpsPort()));
    Map<String, Object> all = new LinkedHashMap<>();
    all.put(
        "children",
        Map.of(
            "persisters",
            Map.of("hosts", Map.of("localhost", Map.of())),
            "checkers",
            Map.of("hosts", checkerHosts)));
    all.put("vars", vars);
    DumperOptions options = new DumperOptions();
    options.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
    Path dir = work.resolve("inventory");
    inventory = dir.resolve("hosts.yml");
    Files.createDirectories(dir.resolve("group_vars/all"));
    Files.writeString(inventory, new Yaml(options).dump(Map.of("all", all)));

    // The passwords only ever exist encrypted on disk, as in a user's inventory.
    Path vault = dir.resolve("group_vars/all/vault.yml");
    Files.writeString(
        vault,
        new Yaml(options)
            .dump(
                Map.of(
                    "vault_sitewatch_db_password", info.getProperty("postgres.app.password"),
                    "vault_sitewatch_db_owner_password",
                        info.getProperty("postgres.owner.password"))));
    try {
      Processes.Result encrypt =
          Processes.run(
              work,
              Map.of(),
              work.resolve("logs/ansible-vault.log"),
              Duration.ofMinutes(1),
              List.of(
                  "ansible-vault",
                  "encrypt",
                  "--vault-password-file",
                  vaultPassword.toString(),
                  vault.toString()));
      assertEquals(0, encrypt.exitCode(), encrypt.describe());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
    assertTrue(
        Files.readString(vault).startsWith("$ANSIBLE_VAULT;"), "the vault file is encrypted");
  }

  private static Processes.Result playbook(String playbook, String... extra) throws Exception {
    List<String> command = new ArrayList<>();
    command.add("ansible-playbook");
    command.add("-i");
    command.add(inventory.toString());
    command.add("--vault-password-file");
    command.add(vaultPassword.toString());
    command.add(playbook);
    command.addAll(List.of(extra));
    long started = System.nanoTime();
    Processes.Result result =
        Processes.run(
            ansible,
            // profile_tasks: each task's duration in the log, to see where the time goes.
            Map.of(
                "ANSIBLE_NOCOLOR", "1",
                "ANSIBLE_FORCE_COLOR", "0",
                "ANSIBLE_CALLBACKS_ENABLED", "ansible.posix.profile_tasks"),
            work.resolve("logs/ansible-playbook-" + (++runs) + "-" + playbook + ".log"),
            PLAYBOOK_TIMEOUT,
            command);
    System.out.printf(
        "AnsibleDeployIT: %s took %.1f s%n", playbook, (System.nanoTime() - started) / 1e9);
    return result;
  }

  private static void assertRecap(Processes.Result result, int failed) {
    assertEquals(0, result.exitCode(), result.describe());
    Matcher m = RECAP.matcher(result.output());
    Set<String> hosts = new HashSet<>();
    while (m.find()) {
      hosts.add(m.group(1));
      assertEquals("0", m.group(4), m.group(1) + " unreachable: " + result.tail());
      assertEquals(Integer.toString(failed), m.group(5), m.group(1) + " failed: " + result.tail());
    }
    assertEquals(
        Set.of("localhost", "checker-2"), hosts, "a recap for every host: " + result.tail());
  }

  /** What the run changed, on all hosts. */
  private static int changed(Processes.Result result) {
    Matcher m = RECAP.matcher(result.output());
    int changed = 0;
    boolean any = false;
    while (m.find()) {
      changed += Integer.parseInt(m.group(3));
      any = true;
    }
    assertTrue(any, "the run ends with a recap: " + result.tail());
    return changed;
  }

  /**
   * Both checkers are in the deployed group, named for their inventory hosts, and own the sites
   * between them, each some.
   */
  private static void assertTheCheckersShareTheSites() {
    for (CheckerHost host : checkers) {
      String ready = Stack.get(host.readiness()).body();
      assertTrue(
          ready.contains("\"checker\":\"" + host.name() + "\"")
              && ready.contains("\"group\":\"" + CHECKERS_GROUP + ".default\""),
          "the deployed checker is named for its inventory host, in its own group: " + ready);
    }
    await("the two deployed checkers share the " + SITES_COUNT + " sites")
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofSeconds(1))
        .until(
            () -> {
              int first = CheckerReadiness.ownedSites(checkers.get(0).readiness());
              int second = CheckerReadiness.ownedSites(checkers.get(1).readiness());
              return first > 0 && second > 0 && first + second == SITES_COUNT;
            });
  }

  private static List<Long> checkerPids() throws IOException {
    List<Long> pids = new ArrayList<>();
    for (CheckerHost host : checkers) {
      pids.add(pid(host.userDir(), "sitewatch-checker"));
    }
    return pids;
  }

  /** Ready, with the application's own checks in the answer (not just Liberty's empty UP). */
  private static void assertReady(int port) {
    URI ready = URI.create("http://localhost:" + port + "/health/ready");
    var response = Stack.get(ready);
    assertEquals(200, response.statusCode(), ready + ": " + response.body());
    assertTrue(
        response.body().contains("\"checks\":[{"),
        ready + " reports the application's checks: " + response.body());
  }

  private static void assertHeapIsSet(String heap) throws IOException {
    for (String server : List.of("sitewatch-checker", "sitewatch-persister")) {
      List<String> options =
          Files.readAllLines(userDir.resolve("servers/" + server + "/jvm.options"));
      assertTrue(
          options.contains("-Xmx" + heap),
          server
              + "'s jvm.options sets the heap from sitewatch_server_<kind>_heap_max: "
              + options);
    }
  }

  private static void assertSecretsStayInServerEnv(Processes.Result run) throws IOException {
    Properties info = Stack.info();
    Path env = userDir.resolve("servers/sitewatch-persister/server.env");
    assertOwnerOnly(env, "server.env");
    String content = Files.readString(env);
    assertTrue(
        content.contains("SITEWATCH_DB_PASSWORD=" + info.getProperty("postgres.app.password")),
        "the runtime role's password from the vault is in server.env");
    assertFalse(run.output().contains(LOGIN_PASSWORD), "the login password never appears either");
    for (String key : List.of("postgres.app.password", "postgres.owner.password")) {
      assertFalse(
          run.output().contains(info.getProperty(key)), key + " never appears in Ansible's output");
    }
    String checkerEnv = Files.readString(userDir.resolve("servers/sitewatch-checker/server.env"));
    assertFalse(checkerEnv.contains("SITEWATCH_DB_"), "the checker gets no database password");
    Path keystorePassword = userDir.resolve("servers/sitewatch-checker/keystore.password");
    assertOwnerOnly(keystorePassword, "the keystore password generated on the host");
    String generated = Files.readString(keystorePassword);
    assertTrue(
        generated.length() >= 32 && checkerEnv.contains("SITEWATCH_KEYSTORE_PASSWORD=" + generated),
        "server.env carries the host's keystore password");
    assertFalse(run.output().contains(generated), "it never appears in Ansible's output");
  }

  private static void assertOwnerOnly(Path file, String what) throws IOException {
    assertEquals(
        Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE),
        Files.getPosixFilePermissions(file),
        what + " is readable by the server's account only");
  }

  /** The checkers that stored results of the deployed sites since then. */
  private static Set<String> checkersSince(Instant since) throws Exception {
    try (Connection db = Stack.database();
        PreparedStatement st =
            db.prepareStatement(
                "select distinct checker from check_result where site_id like ? and started_at >= ?")) {
      st.setString(1, SITE_ID + "%");
      st.setTimestamp(2, Timestamp.from(since));
      Set<String> checkers = new HashSet<>();
      try (ResultSet rs = st.executeQuery()) {
        while (rs.next()) {
          checkers.add(rs.getString(1));
        }
      }
      return checkers;
    }
  }

  private static long rowsSince(Instant since) throws Exception {
    try (Connection db = Stack.database();
        PreparedStatement st =
            db.prepareStatement(
                "select count(*) from check_result where site_id = ? and started_at >= ?")) {
      st.setString(1, SITE_ID);
      st.setTimestamp(2, Timestamp.from(since));
      try (ResultSet rs = st.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    }
  }

  /**
   * The build's checker WAR with one more entry: another build of it, as far as Ansible can tell.
   */
  private static Path rebuiltCheckerWar(String build) throws IOException {
    Path original = repo.resolve("checker-war/target/checker-war.war");
    Path rebuilt = work.resolve("rebuilt-" + build + "/checker-war.war");
    Files.createDirectories(rebuilt.getParent());
    try (InputStream in = Files.newInputStream(original);
        ZipInputStream zin = new ZipInputStream(in);
        OutputStream out = Files.newOutputStream(rebuilt);
        ZipOutputStream zout = new ZipOutputStream(out)) {
      for (ZipEntry e = zin.getNextEntry(); e != null; e = zin.getNextEntry()) {
        zout.putNextEntry(new ZipEntry(e.getName()));
        zin.transferTo(zout);
        zout.closeEntry();
      }
      zout.putNextEntry(new ZipEntry("META-INF/sitewatch-rebuild.txt"));
      zout.write(
          ("rebuilt " + build + " " + Instant.now() + "\n").getBytes(StandardCharsets.UTF_8));
      zout.closeEntry();
    }
    return rebuilt;
  }

  /** The server's process id, from the file Liberty's server script keeps. */
  private static long pid(Path userDir, String server) throws IOException {
    return Long.parseLong(
        Files.readString(userDir.resolve("servers/.pid/" + server + ".pid")).trim());
  }

  private static URI persisterUri(String path) {
    return URI.create("http://localhost:" + persisterPort() + path);
  }

  private static int persisterPort() {
    return port("st.ansible.persister.http.port");
  }

  private static int port(String property) {
    return Integer.parseInt(System.getProperty(property));
  }

  /** This process's group: that of a directory it just created. */
  private static String primaryGroup() throws IOException {
    return Files.readAttributes(work, PosixFileAttributes.class).group().getName();
  }
}
