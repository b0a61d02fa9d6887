package org.sitewatch.infra;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Kafka, PostgreSQL and both Sitewatch Liberty servers, supervised until the JVM is told to stop:
 * what {@link LocalStack} runs, and what the test harness builds on through a {@link
 * StackExtension}.
 *
 * <p>It starts the embedded Kafka and PostgreSQL in this JVM (the same classes as {@link
 * InfraMain}), then {@code <wlp>/bin/server run sitewatch-checker} and {@code ... run
 * sitewatch-persister} as child processes whose output appears here prefixed with {@code [checker]
 * } / {@code [persister] }. Each server is configured through its environment; see {@link
 * StackPlan} for the variables and how the launcher's own environment overrides them.
 *
 * <p>When both answer 200 on {@code /health/ready} it prints a {@link Banner} and writes the {@code
 * --info-file} if asked to.
 *
 * <p>Ctrl-C or SIGTERM: {@code server stop} for all servers in parallel (bounded; a server that
 * hangs is killed), then Kafka, then PostgreSQL; nothing is left running. A server that exits on
 * its own is an error: everything is stopped and the exit status is 1.
 */
public final class SupervisedStack {

  private static final Logger LOG = LoggerFactory.getLogger(SupervisedStack.class);

  /** A server stop as at shutdown: {@code server stop}, then the wait for its process to end. */
  public static final Duration STOP_WAIT = Duration.ofSeconds(30);

  public static final Duration EXIT_WAIT = Duration.ofSeconds(15);

  /** The Liberty server names, as the build creates them. */
  public static final String CHECKER = "sitewatch-checker";

  public static final String PERSISTER = "sitewatch-persister";

  /** What a launcher adds to the stack, made from the parsed options and the stack itself. */
  @FunctionalInterface
  public interface ExtensionFactory {
    StackExtension create(CommandLine cl, SupervisedStack stack) throws CommandLine.UsageException;
  }

  private final InfraOptions options;
  private final StackPlan plan;
  private final Path wlp;
  private final EmbeddedInfra infra = new EmbeddedInfra();

  /** By label ({@code checker}, {@code persister}), in start order; stopped ones stay. */
  private final Map<String, LibertyServer> servers = new LinkedHashMap<>();

  private final long pid = ProcessHandle.current().pid();
  private StackExtension extension = new StackExtension() {};
  private volatile boolean stopping;

  private SupervisedStack(InfraOptions options, StackPlan plan, Path wlp) {
    this.options = options;
    this.plan = plan;
    this.wlp = wlp;
  }

  /**
   * A launcher's main: parses {@code args} (the stack's options and {@code extraOptions}), checks
   * the prerequisites, runs the stack with the launcher's extension until Ctrl-C, SIGTERM or a
   * server's unexpected exit. Exit status 2 for a usage error, 1 if a prerequisite is missing or
   * starting failed.
   */
  public static void launch(
      String[] args, String usage, Set<String> extraOptions, ExtensionFactory extensions)
      throws InterruptedException {
    CommandLine cl =
        Cli.parseOrExit(
            args, usage, StackOptions.valueOptions(extraOptions), StackOptions.FLAG_OPTIONS);
    SupervisedStack stack;
    try {
      Path cwd = Path.of("").toAbsolutePath();
      stack =
          new SupervisedStack(
              InfraOptions.from(cl),
              StackPlan.decide(System.getenv(), cl, cwd, EmbeddedPostgres::generatePassword),
              cwd.resolve(cl.value("wlp", "target/liberty/wlp")).normalize());
      stack.extension = extensions.create(cl, stack);
    } catch (CommandLine.UsageException e) {
      stack = Cli.exitWithUsage(e, usage);
    }
    try {
      Prerequisites.check(stack.wlp, stack.plan);
      stack.extension.checkPrerequisites();
    } catch (IllegalStateException e) {
      LOG.error("{}", e.getMessage());
      System.exit(1);
    }
    stack.run();
    new CountDownLatch(1).await(); // until Ctrl-C, SIGTERM or a server's unexpected exit
  }

  public InfraOptions options() {
    return options;
  }

  public StackPlan plan() {
    return plan;
  }

  public Path wlp() {
    return wlp;
  }

  /** The embedded Kafka and PostgreSQL; either may be stopped and started again meanwhile. */
  public EmbeddedInfra infra() {
    return infra;
  }

  /** Whether shutdown has begun. */
  public boolean isStopping() {
    return stopping;
  }

  /** The server started under {@code label}, running or not; empty if none was. */
  public Optional<LibertyServer> server(String label) {
    synchronized (servers) {
      return Optional.ofNullable(servers.get(label));
    }
  }

  private void run() {
    long started = System.nanoTime();
    Runtime.getRuntime().addShutdownHook(new Thread(this::shutdown, "sitewatch-stack-stop"));
    options.parentPid().ifPresent(ParentWatch::start);
    plan.notes().forEach(note -> LOG.info("{}", note));
    try {
      options.infoFile().ifPresent(InfraMain::removeStaleInfoFile);
      startInfrastructure();
      extension.beforeServersStart();
      startServer("checker", CHECKER, plan.checkerEnvironment(), plan.checkerHttpPort());
      startServer("persister", PERSISTER, plan.persisterEnvironment(), plan.persisterHttpPort());
      extension.afterServersStart();
    } catch (Exception e) {
      if (!stopping) {
        InfraMain.logStartFailure("Starting Sitewatch failed", e);
        exitSoon(1);
      }
      return;
    }
    List<LibertyServer> launched;
    synchronized (servers) {
      launched = List.copyOf(servers.values());
    }
    switch (Readiness.await(launched, started, () -> stopping)) {
      case READY -> {
        System.out.println(Banner.text(options, plan, System.nanoTime() - started));
        writeInfoFile();
      }
      case FAILED -> {
        LOG.error("Stopping Sitewatch: fix the problems above and start it again.");
        exitSoon(1);
      }
      case STOPPING -> {}
    }
  }

  private void startInfrastructure() throws Exception {
    CompletableFuture<Optional<EmbeddedPostgres>> postgres =
        Background.supply(
            "sitewatch-postgres-start",
            () ->
                plan.embeddedPostgres()
                    ? Optional.of(
                        infra.startPostgres(
                            plan.postgresPort(),
                            options.dataDir(),
                            options.clean(),
                            plan.ownerPassword(),
                            plan.appPassword()))
                    : Optional.empty());
    if (plan.embeddedKafka()) {
      infra.startKafka(
          options.kafkaPort(), options.kafkaControllerPort(), options.dataDir(), options.clean());
    }
    Background.join(postgres);
  }

  /**
   * Launches Liberty server {@code name} under {@code label}, supervised like the others: its exit
   * before shutdown stops everything, and shutdown stops it.
   *
   * @param env variables added to the inherited environment
   * @throws IllegalStateException if shutdown has begun
   */
  public void startServer(String label, String name, Map<String, String> env, int httpPort)
      throws IOException {
    LibertyServer server =
        new LibertyServer(
            label,
            name,
            wlp,
            env,
            httpPort,
            status -> {
              if (!stopping) {
                LOG.error("");
                LOG.error(
                    "*** Liberty server {} exited unexpectedly (exit status {}): stopping"
                        + " everything ***",
                    name,
                    status);
                LOG.error("");
                exitSoon(1);
              }
            });
    synchronized (servers) {
      if (stopping) {
        throw new IllegalStateException("shutting down");
      }
      servers.put(label, server);
      server.start();
    }
  }

  private void writeInfoFile() {
    if (options.infoFile().isEmpty()) {
      return;
    }
    try {
      InfraInfo.of(plan, System.getenv(), pid).write(options.infoFile().get());
    } catch (IOException e) {
      LOG.error("Cannot write the info file {}: {}", options.infoFile().get(), e.getMessage());
    }
  }

  /**
   * The shutdown hook: the servers first (in parallel, bounded), then Kafka, then PostgreSQL, so
   * that the servers can finish their work against both.
   */
  private void shutdown() {
    stopping = true;
    infra.beginClose();
    LOG.info("Stopping Sitewatch");
    extension.beforeServersStop();
    options.infoFile().ifPresent(f -> InfraInfo.deleteIfOwnedBy(f, pid));
    List<LibertyServer> running;
    synchronized (servers) {
      running = List.copyOf(servers.values());
    }
    List<CompletableFuture<Void>> stops = new ArrayList<>();
    for (LibertyServer s : running) {
      stops.add(
          Background.supply(
              "sitewatch-stop-" + s.label(),
              () -> {
                s.stop(STOP_WAIT, EXIT_WAIT);
                return null;
              }));
    }
    for (CompletableFuture<Void> stop : stops) {
      try {
        Background.join(stop);
      } catch (Exception e) {
        LOG.warn("Stopping a server failed: {}", e.getMessage());
      }
    }
    extension.afterServersStop();
    infra.close();
    LOG.info("Sitewatch stopped");
  }

  /** Exit from another thread: exit() blocks until the shutdown hook is done. */
  private static void exitSoon(int status) {
    new Thread(() -> System.exit(status), "sitewatch-exit").start();
  }
}
