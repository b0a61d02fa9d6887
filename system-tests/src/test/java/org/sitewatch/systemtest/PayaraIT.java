package org.sitewatch.systemtest;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.sitewatch.common.CheckResult;
import org.sitewatch.common.Outcome;
import org.sitewatch.common.Reason;
import org.sitewatch.common.ResultIds;
import org.sitewatch.common.serde.CheckResultCodec;
import org.sitewatch.systemtest.HostileTargets.Case;
import org.sitewatch.systemtest.HostileTargets.Probed;

/**
 * Both WARs' Payara flavours on a real Payara Server 6 (the distribution zip from Maven Central,
 * unpacked by the build): a domain on loopback ports of its own, the PostgreSQL driver and the
 * persister's three pools and resources made with asadmin as docs/payara.md tells, both WARs
 * deployed against the build's Kafka and PostgreSQL, then undeployed and the domain stopped.
 *
 * <p>The pair has topics and consumer groups of its own (the checker's group too), so it takes
 * nothing from the stack's checker and persister; its results are told apart in the shared database
 * by their site ids.
 *
 * <p>The Payara checker probes a site of its own on the scenario target; its results, and results
 * published here twice each (as a redelivery would), reach the database exactly once through the
 * Payara persister.
 *
 * <p>It also probes every one of the {@link HostileTargets}, served from this JVM, a few times
 * each: Payara's HTTP client (Jersey, with the connector the Payara flavour names) must hold every
 * case as Liberty's does, as the stored results and the targets' own counts show.
 */
class PayaraIT {

  private static final String TOPIC = "sitewatch.payara-it.check-results";
  private static final String SITES = "sitewatch.payara-it.sites";
  private static final String SITE_PREFIX = "payara-it-";
  private static final int RESULTS = 200;
  private static final Pattern CHECK_NAME = Pattern.compile("\"name\":\"([^\"]+)\"");

  /** Each hostile site is probed this often: a few times while the rest of the test runs. */
  private static final Duration HOSTILE_INTERVAL = Duration.ofSeconds(4);

  private static final int HOSTILE_PROBES = 3;

  private static final Map<Case, HostileServer> hostile = new EnumMap<>(Case.class);
  private static PayaraDomain domain;
  private static Path work;

  @BeforeAll
  static void startDomain() throws Exception {
    work = Path.of(System.getProperty("st.payara.work.dir"));
    Files.createDirectories(work);
    Path sites = work.resolve("sites.yaml");
    List<String> lines =
        new ArrayList<>(
            List.of(
                "# The Payara checker's own sites, on the scenario target and the hostile ones.",
                "sites:",
                "  - id: " + SITE_PREFIX + "ok",
                // Not /ok: PipelineIT expects every check answered there among the stack's sites.
                "    url: " + Stack.target("/untracked"),
                "    interval: 2s",
                "    timeout: 2s"));
    for (Case target : Case.values()) {
      HostileServer server = target.start();
      hostile.put(target, server);
      lines.addAll(
          List.of(
              "  - id: " + hostileSite(target),
              "    url: " + target.url(server),
              "    interval: " + HOSTILE_INTERVAL.toSeconds() + "s",
              "    timeout: " + HostileTargets.TIMEOUT.toSeconds() + "s"));
      if (target.regex() != null) {
        lines.addAll(List.of("    expect:", "      regex: \"" + target.regex() + "\""));
      }
    }
    lines.add("");
    Files.writeString(sites, String.join("\n", lines));
    Map<String, String> env =
        Map.ofEntries(
            Map.entry(
                "MP_MESSAGING_CONNECTOR_SMALLRYE_KAFKA_BOOTSTRAP_SERVERS", Stack.kafkaBootstrap()),
            Map.entry("SITEWATCH_SITES_FILE", sites.toString()),
            Map.entry("MP_MESSAGING_OUTGOING_CHECK_RESULTS_TOPIC", TOPIC),
            Map.entry("SITEWATCH_CATALOG_TOPIC", SITES),
            // Its own checker group: in the stack checker's, the two would split two site lists.
            Map.entry("SITEWATCH_CHECKERS_GROUP", "sitewatch-payara-it-checkers"),
            Map.entry("MP_MESSAGING_INCOMING_CHECK_RESULTS_TOPIC", TOPIC),
            Map.entry("MP_MESSAGING_INCOMING_CHECK_RESULTS_GROUP_ID", "sitewatch-payara-it"),
            Map.entry("MP_MESSAGING_OUTGOING_CHECK_RESULTS_DLQ_TOPIC", TOPIC + ".dlq"),
            Map.entry("MP_MESSAGING_INCOMING_SITE_CATALOG_TOPIC", SITES),
            Map.entry("MP_MESSAGING_INCOMING_SITE_CATALOG_GROUP_ID", "sitewatch-payara-it-catalog"),
            Map.entry("SITEWATCH_KAFKA_TOPIC_PARTITIONS", "2"));
    domain =
        PayaraDomain.confine(
            Path.of(System.getProperty("st.payara.home")), work.resolve("logs"), ports(), env);
    domain.start();
  }

  @AfterAll
  static void stopDomain() throws Exception {
    if (domain != null && domain.adminPortOpen()) {
      domain.stop();
    }
    for (HostileServer server : hostile.values()) {
      server.close();
    }
  }

  private static String hostileSite(Case target) {
    return SITE_PREFIX + "hostile-" + target.id();
  }

  @Test
  void bothWarsRunOnPayaraAndResultsAreStoredExactlyOnce() throws Exception {
    Instant begin = Instant.now();
    createDataSources();
    domain.asadmin(deploy("persister-war", "/sitewatch", "st.payara.persister.war"));
    domain.asadmin(deploy("checker-war", "/checker", "st.payara.checker.war"));

    await("the Payara checker and persister are UP")
        .atMost(Duration.ofSeconds(90))
        .pollInterval(Duration.ofSeconds(1))
        .until(() -> Stack.status(domain.http("/health")) == 200);
    String health = Stack.get(domain.http("/health")).body();
    Set<String> liberty = checkNames(Stack.get(Stack.persister("/health")).body());
    liberty.addAll(checkNames(Stack.get(Stack.checker("/health")).body()));
    assertEquals(liberty, checkNames(health), "Payara's /health has Liberty's checks: " + health);

    await("the Payara checker's results are stored by the Payara persister")
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofSeconds(1))
        .until(() -> siteRows(SITE_PREFIX + "ok", begin) >= 3);
    // The hostile sites are judged from here: in its first seconds the new deployment builds its
    // Jersey clients cold, and on a loaded machine a first probe can spend its whole timeout
    // before its request is sent. That is the deployment starting, not a hostile target.
    Instant warm = Instant.now();
    hostile.values().forEach(HostileServer::resetCounts);
    List<String> ids = publishEachTwice();
    await("every published result is stored")
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(500))
        .until(() -> rows(ids) >= ids.size());
    await("and stays stored once, although each was delivered twice")
        .during(Duration.ofSeconds(3))
        .atMost(Duration.ofSeconds(10))
        .until(() -> rows(ids) == ids.size());
    assertEquals(List.of(), duplicates(), "no result id of the Payara pair is stored twice");
    hostileTargetsHeld(warm);

    domain.asadmin("undeploy", "checker-war");
    domain.asadmin("undeploy", "persister-war");
    assertEquals(0, domain.stop(), "the domain stops cleanly");
    assertFalse(domain.adminPortOpen(), "nothing listens on the admin port any more");
    System.out.printf(
        "PayaraIT: %d rows stored exactly once through Payara (%d from its checker, %d results"
            + " published twice each); domain started, resources made, both WARs deployed and"
            + " undeployed, domain stopped, in %d s%n",
        siteRows(SITE_PREFIX + "%", begin),
        siteRows(SITE_PREFIX + "ok", begin),
        ids.size(),
        Duration.between(begin, Instant.now()).toSeconds());
  }

  /**
   * Every stored probe of each hostile site shows what its case expects, within the timeout plus
   * the margin, and each target's server saw what it must.
   */
  private static void hostileTargetsHeld(Instant since) throws Exception {
    await("each hostile site probed " + HOSTILE_PROBES + " times by the Payara checker")
        .atMost(HOSTILE_INTERVAL.multipliedBy(HOSTILE_PROBES + 4))
        .pollInterval(Duration.ofMillis(500))
        .until(
            () -> {
              for (Case target : Case.values()) {
                if (siteRows(hostileSite(target), since) < HOSTILE_PROBES) {
                  return false;
                }
              }
              return true;
            });
    assertAll(Stream.of(Case.values()).map(target -> () -> hostileTargetHeld(target, since)));
  }

  private static void hostileTargetHeld(Case target, Instant since) throws Exception {
    String site = hostileSite(target);
    List<StoredProbe> probes = storedProbes(site, since);
    assertTrue(
        probes.size() >= HOSTILE_PROBES,
        site + " has " + HOSTILE_PROBES + " stored probes: " + probes.size());
    Duration atMost = HostileTargets.TIMEOUT.plus(HostileTargets.MARGIN);
    assertAll(
        site,
        Stream.concat(
            probes.stream()
                .map(
                    probe ->
                        () -> {
                          target.expect(probe.probed());
                          assertTrue(
                              probe.took().compareTo(atMost) <= 0,
                              "a result within " + atMost + ", took " + probe.took());
                        }),
            Stream.of(() -> target.expectServer(hostile.get(target)))));
  }

  /** One stored result of a site: what it showed and how long it took. */
  private record StoredProbe(Probed probed, Duration took) {}

  private static List<StoredProbe> storedProbes(String siteId, Instant since) throws Exception {
    try (Connection db = Stack.database();
        PreparedStatement st =
            db.prepareStatement(
                "select status, reason, message, http_status, regex_matched, attempts,"
                    + " duration_us from check_result where site_id = ? and started_at >= ?")) {
      st.setString(1, siteId);
      st.setTimestamp(2, Timestamp.from(since));
      List<StoredProbe> found = new ArrayList<>();
      try (ResultSet rs = st.executeQuery()) {
        while (rs.next()) {
          Outcome outcome =
              "UP".equals(rs.getString("status"))
                  ? Outcome.up()
                  : Outcome.down(Reason.valueOf(rs.getString("reason")), rs.getString("message"));
          Probed probed =
              new Probed(
                  outcome,
                  rs.getObject("http_status", Integer.class),
                  rs.getObject("regex_matched", Boolean.class),
                  rs.getInt("attempts"));
          found.add(new StoredProbe(probed, Duration.ofNanos(rs.getLong("duration_us") * 1000)));
        }
      }
      return found;
    }
  }

  /** The persister's pools and resources, as docs/payara.md gives them. */
  private static void createDataSources() throws Exception {
    Properties info = Stack.info();
    domain.asadmin("add-library", System.getProperty("postgresql.driver.jar"));
    domain.asadminWithPasswords(
        "AS_ADMIN_ALIASPASSWORD=" + info.getProperty("postgres.app.password") + "\n",
        "create-password-alias",
        "sitewatch-db-password");
    domain.asadminWithPasswords(
        "AS_ADMIN_ALIASPASSWORD=" + info.getProperty("postgres.owner.password") + "\n",
        "create-password-alias",
        "sitewatch-db-owner-password");
    String server =
        "serverName="
            + info.getProperty("postgres.host")
            + ":portNumber="
            + info.getProperty("postgres.port")
            + ":databaseName="
            + info.getProperty("postgres.database")
            + ":sslmode=prefer:connectTimeout=5:loginTimeout=5";
    String app =
        ":user="
            + info.getProperty("postgres.app.user")
            + ":password=${ALIAS=sitewatch-db-password}";
    String owner =
        ":user="
            + info.getProperty("postgres.owner.user")
            + ":password=${ALIAS=sitewatch-db-owner-password}";
    pool("sitewatch", "20", server + ":reWriteBatchedInserts=true" + app);
    pool("sitewatch-read", "10", server + app, "--statementtimeout", "5");
    pool(
        "sitewatch-migrations",
        "2",
        server + owner,
        "--steadypoolsize",
        "0",
        "--nontransactionalconnections",
        "true");
    for (String name : List.of("sitewatch", "sitewatch-read", "sitewatch-migrations")) {
      domain.asadmin("create-jdbc-resource", "--connectionpoolid", name, "jdbc/" + name);
      domain.asadmin("ping-connection-pool", name);
    }
  }

  private static void pool(String name, String maxSize, String properties, String... extra)
      throws Exception {
    List<String> args =
        new ArrayList<>(
            List.of(
                "create-jdbc-connection-pool",
                "--datasourceclassname",
                "org.postgresql.ds.PGConnectionPoolDataSource",
                "--restype",
                "javax.sql.ConnectionPoolDataSource",
                "--maxpoolsize",
                maxSize,
                "--isconnectvalidatereq",
                "true",
                "--validationmethod",
                "custom-validation",
                "--validationclassname",
                "org.glassfish.api.jdbc.validation.PostgresConnectionValidation",
                "--property",
                properties));
    args.addAll(List.of(extra));
    args.add(name);
    domain.asadmin(args.toArray(String[]::new));
  }

  private static String[] deploy(String name, String contextRoot, String warProperty) {
    return new String[] {
      "deploy",
      "--name",
      name,
      "--contextroot",
      contextRoot,
      // SmallRye's jars have an empty beans.xml: CDI 4 reads it as "annotated", and Payara then
      // does not let Reactive Messaging's extension see its own beans.
      "--properties",
      "emptyBeansXmlModeALL=true",
      System.getProperty(warProperty)
    };
  }

  private static List<String> publishEachTwice() throws Exception {
    Properties props = new Properties();
    props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, Stack.kafkaBootstrap());
    props.put(ProducerConfig.ACKS_CONFIG, "all");
    List<String> ids = new ArrayList<>();
    try (KafkaProducer<String, byte[]> producer =
        new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer())) {
      for (int i = 0; i < RESULTS; i++) {
        String siteId = SITE_PREFIX + "published-" + (i % 5);
        CheckResult result =
            new CheckResult(
                ResultIds.next(),
                siteId,
                "https://" + siteId + ".example/",
                Instant.now(),
                Duration.ofMillis(20 + i),
                200,
                null,
                Outcome.up());
        byte[] encoded = CheckResultCodec.encode(result);
        for (int copy = 0; copy < 2; copy++) {
          producer.send(new ProducerRecord<>(TOPIC, siteId, encoded)).get();
        }
        ids.add(result.id().toString());
      }
    }
    return ids;
  }

  private static int rows(List<String> ids) throws Exception {
    try (Connection db = Stack.database();
        PreparedStatement st =
            db.prepareStatement("select count(*) from check_result where id::text = any (?)")) {
      st.setArray(1, db.createArrayOf("text", ids.toArray()));
      try (ResultSet rs = st.executeQuery()) {
        rs.next();
        return rs.getInt(1);
      }
    }
  }

  /** Rows of the sites whose id is like {@code pattern} (SQL LIKE), of results since then. */
  private static int siteRows(String pattern, Instant since) throws Exception {
    try (Connection db = Stack.database();
        PreparedStatement st =
            db.prepareStatement(
                "select count(*) from check_result where site_id like ? and started_at >= ?")) {
      st.setString(1, pattern);
      st.setTimestamp(2, Timestamp.from(since));
      try (ResultSet rs = st.executeQuery()) {
        rs.next();
        return rs.getInt(1);
      }
    }
  }

  /** Result ids of the Payara pair's sites stored more than once. */
  private static List<String> duplicates() throws Exception {
    try (Connection db = Stack.database();
        PreparedStatement st =
            db.prepareStatement(
                "select id::text from check_result where site_id like ?"
                    + " group by id having count(*) > 1")) {
      st.setString(1, SITE_PREFIX + "%");
      List<String> found = new ArrayList<>();
      try (ResultSet rs = st.executeQuery()) {
        while (rs.next()) {
          found.add(rs.getString(1));
        }
      }
      return found;
    }
  }

  private static Set<String> checkNames(String healthBody) {
    Set<String> names = new TreeSet<>();
    Matcher m = CHECK_NAME.matcher(healthBody);
    while (m.find()) {
      names.add(m.group(1));
    }
    return names;
  }

  private static PayaraDomain.Ports ports() {
    return new PayaraDomain.Ports(
        port("st.payara.admin.port"),
        port("st.payara.http.port"),
        port("st.payara.https.port"),
        port("st.payara.iiop.port"),
        port("st.payara.iiop-ssl.port"),
        port("st.payara.iiop-mutual.port"),
        port("st.payara.jmx.port"),
        port("st.payara.jms.port"),
        port("st.payara.osgi.port"),
        port("st.payara.debug.port"));
  }

  private static int port(String name) {
    return Integer.parseInt(System.getProperty(name));
  }
}
