package org.sitewatch.infra;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * What a {@link SupervisedStack} starts and which environment each Liberty server gets, decided
 * from the launcher's options and its own environment. No side effects, so it is unit-tested as it
 * is.
 *
 * <p>The rules:
 *
 * <ul>
 *   <li>A variable already in the launcher's environment reaches the servers unchanged (they
 *       inherit the whole environment); only missing ones are added. The exception are the HTTP
 *       ports: a {@code --checker-http-port}-style option names one server, and wins.
 *   <li>{@value #KAFKA_BOOTSTRAP} set: that Kafka is used and no embedded broker starts.
 *   <li>{@value #DB_HOST} set: that PostgreSQL is used (with whatever {@code SITEWATCH_DB_*} the
 *       environment has) and no embedded database starts. Otherwise the embedded database adopts
 *       what the environment says about it (port, passwords), so the two cannot disagree.
 *   <li>{@value #HTTP_PORT} and {@value #HTTPS_PORT} name no server: from the environment they
 *       would reach both, so both servers ending up on one port is refused up front.
 * </ul>
 */
public record StackPlan(
    boolean embeddedKafka,
    String kafkaBootstrapServers,
    boolean embeddedPostgres,
    int postgresPort,
    String ownerPassword,
    String appPassword,
    Map<String, String> checkerEnvironment,
    Map<String, String> persisterEnvironment,
    List<String> notes) {

  public static final String KAFKA_BOOTSTRAP =
      "MP_MESSAGING_CONNECTOR_LIBERTY_KAFKA_BOOTSTRAP_SERVERS";
  static final String SITES_FILE = "SITEWATCH_SITES_FILE";
  public static final String HTTP_PORT = "SITEWATCH_HTTP_PORT";
  public static final String HTTPS_PORT = "SITEWATCH_HTTPS_PORT";
  public static final String DB_HOST = "SITEWATCH_DB_HOST";
  static final String DB_PORT = "SITEWATCH_DB_PORT";
  static final String DB_NAME = "SITEWATCH_DB_NAME";
  static final String DB_USER = "SITEWATCH_DB_USER";
  static final String DB_PASSWORD = "SITEWATCH_DB_PASSWORD";
  static final String DB_OWNER_USER = "SITEWATCH_DB_OWNER_USER";
  static final String DB_OWNER_PASSWORD = "SITEWATCH_DB_OWNER_PASSWORD";

  static final int CHECKER_HTTP_PORT = 9080;
  static final int CHECKER_HTTPS_PORT = 9443;
  static final int PERSISTER_HTTP_PORT = 9081;
  static final int PERSISTER_HTTPS_PORT = 9444;

  public StackPlan {
    checkerEnvironment = Collections.unmodifiableMap(new LinkedHashMap<>(checkerEnvironment));
    persisterEnvironment = Collections.unmodifiableMap(new LinkedHashMap<>(persisterEnvironment));
    notes = List.copyOf(notes);
  }

  /**
   * @param env the launcher's environment
   * @param cl the launcher's options: {@code --kafka-port}, {@code --postgres-port}, {@code
   *     --sites-file}, {@code --checker-http-port}, {@code --checker-https-port}, {@code
   *     --persister-http-port}, {@code --persister-https-port}
   * @param workingDir what a relative {@code --sites-file} is relative to
   * @param passwords makes a password for a role the environment gives none for
   */
  public static StackPlan decide(
      Map<String, String> env, CommandLine cl, Path workingDir, Supplier<String> passwords)
      throws CommandLine.UsageException {
    List<String> notes = new ArrayList<>();
    Map<String, String> checker = new LinkedHashMap<>();
    Map<String, String> persister = new LinkedHashMap<>();

    // Kafka
    boolean embeddedKafka = !isSet(env, KAFKA_BOOTSTRAP);
    String bootstrap;
    if (embeddedKafka) {
      bootstrap = Ports.LOOPBACK + ":" + cl.port("kafka-port", InfraOptions.DEFAULT_KAFKA_PORT);
      checker.put(KAFKA_BOOTSTRAP, bootstrap);
      persister.put(KAFKA_BOOTSTRAP, bootstrap);
    } else {
      bootstrap = env.get(KAFKA_BOOTSTRAP).trim();
      notes.add(
          "Kafka: using "
              + KAFKA_BOOTSTRAP
              + "="
              + bootstrap
              + " from the environment; the embedded broker is not started");
    }

    // PostgreSQL
    boolean embeddedPostgres = !isSet(env, DB_HOST);
    int postgresPort;
    String ownerPassword = null;
    String appPassword = null;
    if (embeddedPostgres) {
      postgresPort = embeddedPostgresPort(env, cl, notes);
      requireEmbeddedName(env, DB_NAME, EmbeddedPostgres.DATABASE);
      requireEmbeddedName(env, DB_USER, EmbeddedPostgres.APP_ROLE);
      requireEmbeddedName(env, DB_OWNER_USER, EmbeddedPostgres.OWNER_ROLE);
      ownerPassword = isSet(env, DB_OWNER_PASSWORD) ? env.get(DB_OWNER_PASSWORD) : passwords.get();
      appPassword = isSet(env, DB_PASSWORD) ? env.get(DB_PASSWORD) : passwords.get();
      if (isSet(env, DB_OWNER_PASSWORD) || isSet(env, DB_PASSWORD)) {
        notes.add("PostgreSQL: the embedded roles get the passwords set in the environment");
      }
      putUnlessSet(persister, env, DB_HOST, EmbeddedPostgres.HOST);
      putUnlessSet(persister, env, DB_PORT, Integer.toString(postgresPort));
      putUnlessSet(persister, env, DB_NAME, EmbeddedPostgres.DATABASE);
      putUnlessSet(persister, env, DB_USER, EmbeddedPostgres.APP_ROLE);
      putUnlessSet(persister, env, DB_PASSWORD, appPassword);
      putUnlessSet(persister, env, DB_OWNER_USER, EmbeddedPostgres.OWNER_ROLE);
      putUnlessSet(persister, env, DB_OWNER_PASSWORD, ownerPassword);
    } else {
      postgresPort =
          isSet(env, DB_PORT)
              ? parseEnvPort(env, DB_PORT)
              : InfraOptions.DEFAULT_POSTGRES_PORT; // the servers' own default
      notes.add(
          "PostgreSQL: using "
              + DB_HOST
              + "="
              + env.get(DB_HOST).trim()
              + " from the environment; the embedded database is not started");
    }

    // The checker's sites file
    if (isSet(env, SITES_FILE)) {
      notes.add("Checker: sites file " + env.get(SITES_FILE) + " (from " + SITES_FILE + ")");
    } else {
      Path sites = workingDir.resolve(cl.value("sites-file", "sites.yaml")).normalize();
      checker.put(SITES_FILE, sites.toString());
    }

    // HTTP ports
    int checkerHttp = serverPort(env, cl, "checker-http-port", HTTP_PORT, CHECKER_HTTP_PORT);
    int checkerHttps = serverPort(env, cl, "checker-https-port", HTTPS_PORT, CHECKER_HTTPS_PORT);
    int persisterHttp = serverPort(env, cl, "persister-http-port", HTTP_PORT, PERSISTER_HTTP_PORT);
    int persisterHttps =
        serverPort(env, cl, "persister-https-port", HTTPS_PORT, PERSISTER_HTTPS_PORT);
    List<Integer> ports = List.of(checkerHttp, checkerHttps, persisterHttp, persisterHttps);
    if (ports.stream().distinct().count() < ports.size()) {
      throw new CommandLine.UsageException(
          "the checker (HTTP "
              + checkerHttp
              + ", HTTPS "
              + checkerHttps
              + ") and the persister (HTTP "
              + persisterHttp
              + ", HTTPS "
              + persisterHttps
              + ") would share a port. "
              + HTTP_PORT
              + " / "
              + HTTPS_PORT
              + " in the environment apply to both servers: unset them and use"
              + " --checker-http-port, --persister-http-port and the -https- options.");
    }
    for (String name : List.of(HTTP_PORT, HTTPS_PORT)) {
      if (isSet(env, name)) {
        notes.add(
            name
                + "="
                + env.get(name).trim()
                + " from the environment, where no option overrides it");
      }
    }
    checker.put(HTTP_PORT, Integer.toString(checkerHttp));
    checker.put(HTTPS_PORT, Integer.toString(checkerHttps));
    persister.put(HTTP_PORT, Integer.toString(persisterHttp));
    persister.put(HTTPS_PORT, Integer.toString(persisterHttps));

    return new StackPlan(
        embeddedKafka,
        bootstrap,
        embeddedPostgres,
        postgresPort,
        ownerPassword,
        appPassword,
        checker,
        persister,
        notes);
  }

  int checkerHttpPort() {
    return Integer.parseInt(checkerEnvironment.get(HTTP_PORT));
  }

  int persisterHttpPort() {
    return Integer.parseInt(persisterEnvironment.get(HTTP_PORT));
  }

  /** The Liberty ports, for a check that they are free before anything starts. */
  public List<Integer> libertyPorts() {
    return List.of(
        checkerHttpPort(),
        Integer.parseInt(checkerEnvironment.get(HTTPS_PORT)),
        persisterHttpPort(),
        Integer.parseInt(persisterEnvironment.get(HTTPS_PORT)));
  }

  /** Where the checker's sites file is: what it is told, or what it inherits. */
  Optional<Path> sitesFile(Map<String, String> env) {
    String value = checkerEnvironment.getOrDefault(SITES_FILE, env.get(SITES_FILE));
    return Optional.ofNullable(value).map(Path::of);
  }

  /** Only the passwords are secret; a record's default toString would print them. */
  @Override
  public String toString() {
    return "StackPlan[kafka="
        + kafkaBootstrapServers
        + (embeddedKafka ? " (embedded)" : "")
        + ", postgres port "
        + postgresPort
        + (embeddedPostgres ? " (embedded)" : "")
        + "]";
  }

  private static int embeddedPostgresPort(
      Map<String, String> env, CommandLine cl, List<String> notes)
      throws CommandLine.UsageException {
    if (!isSet(env, DB_PORT)) {
      return cl.port("postgres-port", InfraOptions.DEFAULT_POSTGRES_PORT);
    }
    int fromEnv = parseEnvPort(env, DB_PORT);
    if (cl.has("postgres-port") && cl.port("postgres-port", fromEnv) != fromEnv) {
      throw new CommandLine.UsageException(
          "--postgres-port "
              + cl.port("postgres-port", fromEnv)
              + " contradicts "
              + DB_PORT
              + "="
              + fromEnv
              + " in the environment, which the persister would use");
    }
    notes.add("PostgreSQL: the embedded database listens on " + DB_PORT + "=" + fromEnv);
    return fromEnv;
  }

  private static void requireEmbeddedName(Map<String, String> env, String name, String embedded)
      throws CommandLine.UsageException {
    if (isSet(env, name) && !env.get(name).trim().equals(embedded)) {
      throw new CommandLine.UsageException(
          name
              + "="
              + env.get(name).trim()
              + " is set, but the embedded PostgreSQL provides "
              + embedded
              + ". Unset it, or set "
              + DB_HOST
              + " (and the other SITEWATCH_DB_* variables) to use your own database.");
    }
  }

  private static int serverPort(
      Map<String, String> env, CommandLine cl, String option, String envName, int defaultPort)
      throws CommandLine.UsageException {
    if (cl.has(option)) {
      return cl.port(option, defaultPort);
    }
    return isSet(env, envName) ? parseEnvPort(env, envName) : defaultPort;
  }

  private static int parseEnvPort(Map<String, String> env, String name)
      throws CommandLine.UsageException {
    try {
      return Ports.parse(env.get(name), name);
    } catch (IllegalArgumentException e) {
      throw new CommandLine.UsageException(e.getMessage() + " (environment)");
    }
  }

  private static void putUnlessSet(
      Map<String, String> target, Map<String, String> env, String name, String value) {
    if (!isSet(env, name)) {
      target.put(name, value);
    }
  }

  static boolean isSet(Map<String, String> env, String name) {
    String value = env.get(name);
    return value != null && !value.isBlank();
  }
}
