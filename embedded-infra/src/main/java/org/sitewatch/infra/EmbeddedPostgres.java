package org.sitewatch.infra;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.postgresql.ds.PGSimpleDataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real PostgreSQL 15 server on {@code 127.0.0.1:port}, from the binaries that zonky ships as
 * Maven jars (no installation, works as root), with Sitewatch's database and roles in place.
 *
 * <p>On every start, idempotently:
 *
 * <ul>
 *   <li>role {@value #OWNER_ROLE} (LOGIN) owns database {@value #DATABASE} and runs the
 *       application's schema migrations;
 *   <li>role {@value #APP_ROLE} (LOGIN and nothing else) is what the application runs as; the
 *       migrations grant it what it needs;
 *   <li>both passwords are (re)set to the ones the caller gives, so they never need storing.
 * </ul>
 *
 * <p>Authentication is {@code scram-sha-256} for everyone over loopback TCP only. The superuser
 * {@code postgres} has no password: it may connect without one only while this class sets up the
 * roles, and is rejected afterwards. Otherwise any local user could become database superuser, and
 * through {@code COPY ... PROGRAM} run commands as whoever started this JVM.
 *
 * <p>The data directory is kept across runs unless {@code clean}. Server logs go to {@code
 * <dataDir>/log}.
 *
 * <p>Over 300 lines: the roles, their passwords and the {@code pg_hba.conf} rules form one security
 * boundary, kept in one class so that it can be read and reviewed as a whole.
 */
public final class EmbeddedPostgres implements AutoCloseable {

  public static final String HOST = Ports.LOOPBACK;
  public static final String DATABASE = "sitewatch";
  public static final String OWNER_ROLE = "sitewatch_owner";
  public static final String APP_ROLE = "sitewatch_app";

  private static final Logger LOG = LoggerFactory.getLogger(EmbeddedPostgres.class);
  private static final String SUPERUSER = "postgres";
  private static final Duration STARTUP_WAIT = Duration.ofSeconds(60);
  private static final String PASSWORD_ALPHABET =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
  private static final SecureRandom RANDOM = new SecureRandom();

  private final io.zonky.test.db.postgres.embedded.EmbeddedPostgres postgres;
  private final int port;
  private final Path dataDir;
  private final LoopbackPki tls;

  private EmbeddedPostgres(
      io.zonky.test.db.postgres.embedded.EmbeddedPostgres postgres,
      int port,
      Path dataDir,
      LoopbackPki tls) {
    this.postgres = postgres;
    this.port = port;
    this.dataDir = dataDir;
    this.tls = tls;
  }

  /** Without TLS; see {@link #start(int, Path, boolean, String, String, LoopbackPki)}. */
  public static EmbeddedPostgres start(
      int port, Path dataDir, boolean clean, String ownerPassword, String appPassword)
      throws IOException, SQLException {
    return start(port, dataDir, clean, ownerPassword, appPassword, null);
  }

  /**
   * Starts PostgreSQL (running {@code initdb} first if {@code dataDir} holds no cluster yet) and
   * ensures the database, the roles and their passwords.
   *
   * @param port the port on 127.0.0.1
   * @param dataDir the cluster's data directory; created if missing
   * @param clean delete {@code dataDir} first
   * @param ownerPassword the password {@value #OWNER_ROLE} gets
   * @param appPassword the password {@value #APP_ROLE} gets
   * @param tls null for plain TCP; else TLS only ({@code ssl=on}, {@code hostssl}) with this PKI's
   *     server certificate, and the roles must also present a client certificate signed by its CA
   *     ({@code clientcert=verify-ca}) besides their password
   */
  public static EmbeddedPostgres start(
      int port,
      Path dataDir,
      boolean clean,
      String ownerPassword,
      String appPassword,
      LoopbackPki tls)
      throws IOException, SQLException {
    Objects.requireNonNull(dataDir, "dataDir");
    requireUsablePassword(ownerPassword, OWNER_ROLE);
    requireUsablePassword(appPassword, APP_ROLE);
    long started = System.nanoTime();
    StalePostmaster.stopIfRunning(dataDir);
    if (clean) {
      Directories.deleteRecursively(dataDir);
    }
    Ports.requireFree(port, "PostgreSQL");
    Files.createDirectories(dataDir);

    io.zonky.test.db.postgres.embedded.EmbeddedPostgres.Builder builder =
        io.zonky.test.db.postgres.embedded.EmbeddedPostgres.builder()
            .setPort(port)
            .setDataDirectory(dataDir)
            .setCleanDataDirectory(false)
            // Our owners stop it in order (after the servers that use it): no hook of its own.
            .setRegisterShutdownHook(false)
            .setPGStartupWait(STARTUP_WAIT)
            // initdb only: a locale every platform has, so that a cluster behaves the same
            // everywhere (ordering of text is by code point). Encoding is UTF-8.
            .setLocaleConfig("locale", "C")
            .setServerConfig("listen_addresses", HOST)
            .setServerConfig("logging_collector", "on")
            .setServerConfig("log_directory", "log")
            // Written after initdb and before every start.
            .setDataDirectoryCustomizer(dir -> writeHba(dir.toPath(), true, tls != null));
    if (tls != null) {
      builder
          .setServerConfig("ssl", "on")
          .setServerConfig("ssl_cert_file", tls.serverCert().toString())
          .setServerConfig("ssl_key_file", tls.serverKey().toString())
          .setServerConfig("ssl_ca_file", tls.caCert().toString());
    }
    io.zonky.test.db.postgres.embedded.EmbeddedPostgres postgres = builder.start();
    EmbeddedPostgres pg = new EmbeddedPostgres(postgres, port, dataDir, tls);
    try {
      pg.ensureDatabaseAndRoles(ownerPassword, appPassword);
      pg.checkLogin(OWNER_ROLE, ownerPassword);
      pg.checkLogin(APP_ROLE, appPassword);
    } catch (SQLException | RuntimeException e) {
      pg.close();
      throw e;
    }
    LOG.info(
        "PostgreSQL ready on {}:{}{} (database {}, data {}) in {} ms",
        HOST,
        port,
        tls == null ? "" : " (TLS only, client certificates required)",
        DATABASE,
        dataDir,
        TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
    return pg;
  }

  /** A random password of 32 letters and digits (about 190 bits), safe in any shell or URL. */
  public static String generatePassword() {
    StringBuilder sb = new StringBuilder(32);
    for (int i = 0; i < 32; i++) {
      sb.append(PASSWORD_ALPHABET.charAt(RANDOM.nextInt(PASSWORD_ALPHABET.length())));
    }
    return sb.toString();
  }

  /** {@code jdbc:postgresql://127.0.0.1:port/sitewatch}. */
  public String jdbcUrl() {
    return jdbcUrl(HOST, port, DATABASE);
  }

  static String jdbcUrl(String host, int port, String database) {
    return "jdbc:postgresql://" + host + ":" + port + "/" + database;
  }

  public String host() {
    return HOST;
  }

  public int port() {
    return port;
  }

  public Path dataDir() {
    return dataDir;
  }

  /** Fast shutdown ({@code pg_ctl stop -m fast}): open sessions are rolled back and closed. */
  @Override
  public void close() {
    long started = System.nanoTime();
    try {
      postgres.close();
      LOG.info(
          "PostgreSQL stopped in {} ms",
          TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
    } catch (IOException | RuntimeException e) {
      LOG.error("PostgreSQL did not shut down cleanly", e);
    }
  }

  private void ensureDatabaseAndRoles(String ownerPassword, String appPassword)
      throws SQLException {
    try (Connection c = postgres.getPostgresDatabase().getConnection();
        Statement st = c.createStatement()) {
      ensureRole(c, st, OWNER_ROLE, ownerPassword);
      ensureRole(c, st, APP_ROLE, appPassword);
      if (exists(c, "SELECT 1 FROM pg_database WHERE datname = ?", DATABASE)) {
        st.execute("ALTER DATABASE " + DATABASE + " OWNER TO " + OWNER_ROLE);
      } else {
        // From template1: UTF-8 and locale C, as initdb made it.
        st.execute("CREATE DATABASE " + DATABASE + " OWNER " + OWNER_ROLE);
        LOG.info("Created database {} owned by {}", DATABASE, OWNER_ROLE);
      }
      // Setup done: from now on the password-less superuser is rejected.
      writeHba(dataDir, false, tls != null);
      st.execute("SELECT pg_reload_conf()");
    }
  }

  /**
   * Creates the role if it is missing and (re)sets its attributes and password. Role attributes are
   * spelled out so that a role tampered with between runs is put back.
   */
  private static void ensureRole(Connection c, Statement st, String role, String password)
      throws SQLException {
    if (!exists(c, "SELECT 1 FROM pg_roles WHERE rolname = ?", role)) {
      st.execute("CREATE ROLE " + role);
      LOG.info("Created role {}", role);
    }
    // DDL takes no bind parameters; the password is a properly quoted literal (and letters and
    // digits only when generated here). password_encryption is scram-sha-256 in PostgreSQL 15.
    st.execute(
        "ALTER ROLE "
            + role
            + " WITH LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS INHERIT"
            + " PASSWORD "
            + quoteLiteral(password));
  }

  private static boolean exists(Connection c, String sql, String value) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setString(1, value);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next();
      }
    }
  }

  /** Logs in with the password over TCP, as the application will. */
  private void checkLogin(String role, String password) throws SQLException {
    PGSimpleDataSource ds = new PGSimpleDataSource();
    ds.setServerNames(new String[] {HOST});
    ds.setPortNumbers(new int[] {port});
    ds.setDatabaseName(DATABASE);
    ds.setUser(role);
    ds.setPassword(password);
    if (tls != null) {
      ds.setSslMode("verify-full");
      ds.setSslRootCert(tls.caCert().toString());
      ds.setSslCert(tls.clientCert().toString());
      ds.setSslKey(tls.clientKeyDer().toString());
    }
    try (Connection c = ds.getConnection()) {
      c.isValid(5);
    }
  }

  /**
   * PostgreSQL string literal: standard_conforming_strings is on (the default since 9.1), so only
   * the single quote needs doubling.
   */
  static String quoteLiteral(String value) {
    if (value.indexOf('\0') >= 0) {
      throw new IllegalArgumentException("a PostgreSQL string cannot contain NUL");
    }
    return "'" + value.replace("'", "''") + "'";
  }

  private static void requireUsablePassword(String password, String role) {
    if (password == null || password.isBlank()) {
      throw new IllegalArgumentException("a password for " + role + " is required");
    }
  }

  /**
   * Client authentication: TCP on loopback, SCRAM passwords. {@code setup} additionally lets the
   * superuser in without a password, which only {@link #start} needs and only until the roles
   * exist. No {@code local} (Unix socket) line: every socket connection is refused. With {@code
   * tls}, the roles may connect over TLS only and with a client certificate the server's CA signed.
   */
  static void writeHba(Path dataDir, boolean setup, boolean tls) {
    String superuserMethod = setup ? "trust" : "reject";
    List<String> lines =
        List.of(
            "# Written by org.sitewatch.infra.EmbeddedPostgres at every start; edits are lost.",
            "# TYPE  DATABASE  USER      ADDRESS       METHOD",
            "host    all       " + SUPERUSER + "  127.0.0.1/32  " + superuserMethod,
            tls
                ? "hostssl all       all       127.0.0.1/32  scram-sha-256  clientcert=verify-ca"
                : "host    all       all       127.0.0.1/32  scram-sha-256");
    try {
      Files.write(dataDir.resolve("pg_hba.conf"), lines, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IllegalStateException("Cannot write pg_hba.conf in " + dataDir, e);
    }
  }

  /**
   * A PostgreSQL left running on this data directory by an earlier run that was killed outright
   * (kill -9: no shutdown hook ran) holds the port and the directory. Stop it first.
   */
  static final class StalePostmaster {

    private StalePostmaster() {}

    static void stopIfRunning(Path dataDir) throws IOException {
      Path pidFile = dataDir.resolve("postmaster.pid");
      if (!Files.isRegularFile(pidFile)) {
        return;
      }
      long pid;
      try {
        List<String> lines = Files.readAllLines(pidFile, StandardCharsets.UTF_8);
        if (lines.isEmpty()) {
          return;
        }
        pid = Long.parseLong(lines.get(0).trim());
      } catch (NumberFormatException | IOException e) {
        return; // unreadable: PostgreSQL itself decides whether it is stale
      }
      Optional<ProcessHandle> process = ProcessHandle.of(pid).filter(ProcessHandle::isAlive);
      Optional<String> command = process.flatMap(p -> p.info().command());
      if (process.isEmpty() || command.isEmpty() || !command.get().endsWith("postgres")) {
        return; // gone, or the pid now belongs to something else
      }
      LOG.warn(
          "A PostgreSQL from an earlier run (pid {}) still uses {}: stopping it first",
          pid,
          dataDir);
      Path pgCtl = Path.of(command.get()).resolveSibling("pg_ctl");
      if (Files.isExecutable(pgCtl)) {
        ProcessBuilder stop =
            new ProcessBuilder(
                    pgCtl.toString(),
                    "-D",
                    dataDir.toString(),
                    "stop",
                    "-m",
                    "fast",
                    "-w",
                    "-t",
                    "30")
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD);
        try {
          stop.start().waitFor(40, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
      ProcessHandle postmaster = process.get();
      if (postmaster.isAlive()) {
        postmaster.destroy();
        try {
          postmaster.onExit().get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
          throw new IOException(
              "PostgreSQL pid " + pid + " from an earlier run does not stop; stop it by hand", e);
        }
      }
    }
  }
}
