package org.sitewatch.infra;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the embedded Kafka and PostgreSQL until told to stop: for the build's integration tests and
 * for running the Liberty servers by hand.
 *
 * <pre>
 * java -Xmx256m -cp &lt;embedded-infra jar + its runtime dependencies&gt; \
 *     org.sitewatch.infra.InfraMain
 *     [--kafka-port 19092] [--kafka-controller-port N] [--postgres-port 15432]
 *     [--data-dir target/sitewatch-data] [--clean] [--info-file FILE]
 *     [--parent-pid N | --watch-parent]
 * </pre>
 *
 * <p>Footprint: about 230 MB resident for this JVM (Kafka's classes and threads dominate; the heap
 * stays small, so {@code -Xmx256m} is plenty) plus about 40 MB for PostgreSQL's processes. Ready in
 * 3 to 8 s on two cores, PostgreSQL starting beside Kafka.
 *
 * <p>The build runs it with exec-maven-plugin's {@code exec} goal ({@code java -cp}, asynchronous,
 * {@code classpathScope} including this module's runtime dependencies, {@code --watch-parent} so
 * that a killed build takes it along), then {@link AwaitInfra} in the foreground, and {@link
 * StopInfra} after the tests. It is not meant for {@code exec:java}: Kafka and PostgreSQL must
 * outlive the goal that starts them, and a shutdown hook of its own JVM must stop them.
 *
 * <p>Once both are up it writes the info file ({@link InfraInfo}) and logs one line starting with
 * "Sitewatch infrastructure ready". The PostgreSQL role passwords are generated at every start and
 * appear only there. SIGTERM or SIGINT (or the end of the {@code --parent-pid} process) stops
 * Kafka, then PostgreSQL, and deletes the info file. Exit status 1 if starting failed, 2 for a
 * usage error.
 */
public final class InfraMain {

  private static final Logger LOG = LoggerFactory.getLogger(InfraMain.class);

  static final String USAGE =
      "Usage: java -cp ... org.sitewatch.infra.InfraMain [options]\n"
          + "Runs embedded Kafka and PostgreSQL on 127.0.0.1 until SIGTERM/Ctrl-C.\n"
          + InfraOptions.USAGE
          + "\n"
          + InfraOptions.TLS_USAGE;

  private InfraMain() {}

  public static void main(String[] args) throws InterruptedException {
    CommandLine cl =
        Cli.parseOrExit(
            args,
            USAGE,
            Cli.union(InfraOptions.VALUE_OPTIONS, java.util.Set.of(InfraOptions.TLS_DIR)),
            InfraOptions.FLAG_OPTIONS);
    InfraOptions options;
    try {
      options = InfraOptions.from(cl);
    } catch (CommandLine.UsageException e) {
      options = Cli.exitWithUsage(e, USAGE);
    }
    run(options);
    new CountDownLatch(1).await(); // until the JVM is told to stop
  }

  private static void run(InfraOptions options) {
    long started = System.nanoTime();
    long pid = ProcessHandle.current().pid();
    LoopbackPki tls;
    try {
      tls = options.tlsDir().isPresent() ? LoopbackPki.create(options.tlsDir().get()) : null;
    } catch (IOException e) {
      logStartFailure("Making the TLS certificates failed", e);
      System.exit(1);
      return;
    }
    EmbeddedInfra infra = new EmbeddedInfra(tls);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  LOG.info("Stopping the Sitewatch infrastructure");
                  infra.beginClose();
                  options.infoFile().ifPresent(f -> InfraInfo.deleteIfOwnedBy(f, pid));
                  infra.close();
                  LOG.info("Sitewatch infrastructure stopped");
                },
                "sitewatch-infra-shutdown"));
    options.parentPid().ifPresent(ParentWatch::start);
    if (options.infoFile().isEmpty()) {
      LOG.warn(
          "No --info-file: the PostgreSQL passwords generated for this run are written nowhere");
    }
    try {
      options.infoFile().ifPresent(InfraMain::removeStaleInfoFile);
      String ownerPassword = EmbeddedPostgres.generatePassword();
      String appPassword = EmbeddedPostgres.generatePassword();
      // PostgreSQL starts beside Kafka: together they are ready seconds sooner.
      CompletableFuture<EmbeddedPostgres> startingPostgres =
          Background.supply(
              "sitewatch-postgres-start",
              () ->
                  infra.startPostgres(
                      options.postgresPort(),
                      options.dataDir(),
                      options.clean(),
                      ownerPassword,
                      appPassword));
      EmbeddedKafka kafka =
          infra.startKafka(
              options.kafkaPort(),
              options.kafkaControllerPort(),
              options.dataDir(),
              options.clean());
      EmbeddedPostgres postgres = Background.join(startingPostgres);
      InfraInfo info =
          new InfraInfo(
              kafka.bootstrapServers(),
              postgres.host(),
              postgres.port(),
              EmbeddedPostgres.DATABASE,
              EmbeddedPostgres.OWNER_ROLE,
              ownerPassword,
              EmbeddedPostgres.APP_ROLE,
              appPassword,
              pid);
      if (options.infoFile().isPresent()) {
        info.write(options.infoFile().get());
      }
      LOG.info(
          "Sitewatch infrastructure ready in {}{}: Kafka {}, PostgreSQL {}{}; pid {}, stop with"
              + " SIGTERM or Ctrl-C",
          seconds(Duration.ofNanos(System.nanoTime() - started)),
          tls == null ? "" : " with TLS (certificates in " + tls.dir() + ")",
          kafka.bootstrapServers(),
          postgres.jdbcUrl(),
          options.infoFile().map(f -> " (credentials in " + f + ")").orElse(""),
          pid);
    } catch (Exception e) {
      if (infra.isClosed()) {
        return; // stopped while starting: the shutdown hook has it in hand
      }
      logStartFailure("Starting the Sitewatch infrastructure failed", e);
      System.exit(1); // the shutdown hook stops whatever did start
    }
  }

  /** A failure we explain ourselves is logged without its stack trace. */
  static void logStartFailure(String what, Exception e) {
    if (e instanceof Ports.PortInUseException) {
      LOG.error("{}: {}", what, e.getMessage());
    } else {
      LOG.error("{}: {}", what, e.getMessage(), e);
    }
  }

  /**
   * An info file left by a run that was killed outright would tell AwaitInfra that we are ready
   * before we are. One that belongs to a live process is another run's: refuse to take it over.
   */
  static void removeStaleInfoFile(Path file) {
    if (!Files.exists(file)) {
      return;
    }
    Optional<Long> owner = Optional.empty();
    try {
      owner = Optional.of(InfraInfo.read(file).pid());
    } catch (IOException e) {
      // unreadable: stale
    }
    if (owner.isPresent()
        && owner.get() != ProcessHandle.current().pid()
        && ProcessHandle.of(owner.get()).map(ProcessHandle::isAlive).orElse(false)) {
      throw new IllegalStateException(
          "Info file " + file + " belongs to running process " + owner.get() + ": stop it first");
    }
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      throw new IllegalStateException("Cannot delete the stale info file " + file, e);
    }
  }

  public static String seconds(Duration d) {
    return String.format(java.util.Locale.ROOT, "%.1f s", d.toMillis() / 1000.0);
  }
}
