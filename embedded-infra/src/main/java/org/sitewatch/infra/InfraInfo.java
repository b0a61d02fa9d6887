package org.sitewatch.infra;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;

/**
 * The info file: how to reach the running infrastructure, for the build (AwaitInfra, StopInfra, the
 * system tests) and for people. A Java properties file, UTF-8, readable by its owner only (it holds
 * this run's passwords). It is written atomically once everything is ready, so whoever sees it may
 * use it, and deleted on shutdown.
 *
 * <p>Keys: {@value #KAFKA_BOOTSTRAP_SERVERS}, {@value #POSTGRES_HOST}, {@value #POSTGRES_PORT},
 * {@value #POSTGRES_DATABASE}, {@value #POSTGRES_OWNER_USER}, {@value #POSTGRES_OWNER_PASSWORD},
 * {@value #POSTGRES_APP_USER}, {@value #POSTGRES_APP_PASSWORD}, {@value #PID}. A value that is not
 * known (a password of an external database the environment did not give) is left out.
 *
 * @param pid the process to send a termination to (InfraMain's or a SupervisedStack's)
 */
public record InfraInfo(
    String kafkaBootstrapServers,
    String postgresHost,
    int postgresPort,
    String postgresDatabase,
    String ownerUser,
    String ownerPassword,
    String appUser,
    String appPassword,
    long pid) {

  public static final String KAFKA_BOOTSTRAP_SERVERS = "kafka.bootstrap.servers";
  public static final String POSTGRES_HOST = "postgres.host";
  public static final String POSTGRES_PORT = "postgres.port";
  public static final String POSTGRES_DATABASE = "postgres.database";
  public static final String POSTGRES_OWNER_USER = "postgres.owner.user";
  public static final String POSTGRES_OWNER_PASSWORD = "postgres.owner.password";
  public static final String POSTGRES_APP_USER = "postgres.app.user";
  public static final String POSTGRES_APP_PASSWORD = "postgres.app.password";
  public static final String PID = "pid";

  public InfraInfo {
    Objects.requireNonNull(kafkaBootstrapServers, KAFKA_BOOTSTRAP_SERVERS);
    Objects.requireNonNull(postgresHost, POSTGRES_HOST);
    if (pid <= 0) {
      throw new IllegalArgumentException("pid must be positive");
    }
  }

  /**
   * What a {@link SupervisedStack} run with {@code plan} offers: the embedded parts, or what the
   * launcher's environment {@code env} names instead.
   */
  static InfraInfo of(StackPlan plan, Map<String, String> env, long pid) {
    boolean embedded = plan.embeddedPostgres();
    return new InfraInfo(
        plan.kafkaBootstrapServers(),
        embedded ? EmbeddedPostgres.HOST : env.get(StackPlan.DB_HOST).trim(),
        plan.postgresPort(),
        embedded ? EmbeddedPostgres.DATABASE : env.getOrDefault(StackPlan.DB_NAME, "sitewatch"),
        embedded
            ? EmbeddedPostgres.OWNER_ROLE
            : env.getOrDefault(StackPlan.DB_OWNER_USER, EmbeddedPostgres.OWNER_ROLE),
        embedded ? plan.ownerPassword() : env.get(StackPlan.DB_OWNER_PASSWORD),
        embedded
            ? EmbeddedPostgres.APP_ROLE
            : env.getOrDefault(StackPlan.DB_USER, EmbeddedPostgres.APP_ROLE),
        embedded ? plan.appPassword() : env.get(StackPlan.DB_PASSWORD),
        pid);
  }

  /** Like the record's own, but without the passwords. */
  @Override
  public String toString() {
    return "InfraInfo[kafka="
        + kafkaBootstrapServers
        + ", postgres="
        + postgresHost
        + ":"
        + postgresPort
        + "/"
        + postgresDatabase
        + ", owner="
        + ownerUser
        + ", app="
        + appUser
        + ", pid="
        + pid
        + "]";
  }

  /** {@code jdbc:postgresql://host:port/database}. */
  public String jdbcUrl() {
    return EmbeddedPostgres.jdbcUrl(postgresHost, postgresPort, postgresDatabase);
  }

  /** The first broker of {@link #kafkaBootstrapServers()} as host and port, for a TCP probe. */
  String firstKafkaHost() {
    return hostOf(firstBroker());
  }

  int firstKafkaPort() {
    String broker = firstBroker();
    return Ports.parse(broker.substring(broker.lastIndexOf(':') + 1), KAFKA_BOOTSTRAP_SERVERS);
  }

  private String firstBroker() {
    String first = kafkaBootstrapServers.split(",")[0].trim();
    int colon = first.lastIndexOf(':');
    if (colon <= 0) {
      throw new IllegalArgumentException(
          KAFKA_BOOTSTRAP_SERVERS + " has no host:port: '" + kafkaBootstrapServers + "'");
    }
    return first;
  }

  private static String hostOf(String hostPort) {
    String host = hostPort.substring(0, hostPort.lastIndexOf(':'));
    return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
  }

  Properties toProperties() {
    Properties p = new Properties();
    p.setProperty(KAFKA_BOOTSTRAP_SERVERS, kafkaBootstrapServers);
    p.setProperty(POSTGRES_HOST, postgresHost);
    p.setProperty(POSTGRES_PORT, Integer.toString(postgresPort));
    putIfKnown(p, POSTGRES_DATABASE, postgresDatabase);
    putIfKnown(p, POSTGRES_OWNER_USER, ownerUser);
    putIfKnown(p, POSTGRES_OWNER_PASSWORD, ownerPassword);
    putIfKnown(p, POSTGRES_APP_USER, appUser);
    putIfKnown(p, POSTGRES_APP_PASSWORD, appPassword);
    p.setProperty(PID, Long.toString(pid));
    return p;
  }

  static InfraInfo fromProperties(Properties p) {
    return new InfraInfo(
        required(p, KAFKA_BOOTSTRAP_SERVERS),
        required(p, POSTGRES_HOST),
        Ports.parse(required(p, POSTGRES_PORT), POSTGRES_PORT),
        p.getProperty(POSTGRES_DATABASE),
        p.getProperty(POSTGRES_OWNER_USER),
        p.getProperty(POSTGRES_OWNER_PASSWORD),
        p.getProperty(POSTGRES_APP_USER),
        p.getProperty(POSTGRES_APP_PASSWORD),
        parsePid(required(p, PID)));
  }

  /**
   * Writes the file atomically: a temporary file in the same directory, then a rename over the
   * target. A reader never sees a half-written file.
   */
  public void write(Path file) throws IOException {
    Path target = file.toAbsolutePath();
    Path dir = target.getParent();
    Files.createDirectories(dir);
    Path tmp = createPrivateTempFile(dir, target.getFileName().toString());
    try {
      try (Writer w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
        toProperties().store(w, "Sitewatch infrastructure of pid " + pid + "; deleted on shutdown");
      }
      try {
        Files.move(
            tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
      }
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  public static InfraInfo read(Path file) throws IOException {
    Properties p = new Properties();
    try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      p.load(r);
    }
    try {
      return fromProperties(p);
    } catch (IllegalArgumentException | NullPointerException e) {
      throw new IOException("Invalid info file " + file + ": " + e.getMessage(), e);
    }
  }

  /** Deletes the info file if it is the one that process {@code pid} wrote. */
  static void deleteIfOwnedBy(Path file, long pid) {
    try {
      if (Files.exists(file) && read(file).pid() == pid) {
        Files.deleteIfExists(file);
      }
    } catch (IOException e) {
      // unreadable: not ours to judge; leave it
    }
  }

  private static Path createPrivateTempFile(Path dir, String name) throws IOException {
    if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
      return Files.createTempFile(
          dir,
          "." + name,
          ".tmp",
          PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    }
    return Files.createTempFile(dir, "." + name, ".tmp");
  }

  private static void putIfKnown(Properties p, String key, String value) {
    if (value != null) {
      p.setProperty(key, value);
    }
  }

  private static String required(Properties p, String key) {
    String value = p.getProperty(key);
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException(key + " is missing");
    }
    return value.trim();
  }

  private static long parsePid(String text) {
    try {
      return Long.parseLong(text);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(PID + " is not a number: '" + text + "'");
    }
  }
}
