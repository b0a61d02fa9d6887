package org.sitewatch.infra;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
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
 * The quick start: Kafka, PostgreSQL and both Sitewatch Liberty servers with one command, until
 * Ctrl-C.
 *
 * <pre>
 * java -Xmx256m -cp &lt;embedded-infra jar + its runtime dependencies&gt; \
 *     org.sitewatch.infra.LocalStack
 *     [--wlp target/liberty/wlp] [--sites-file sites.yaml]
 *     [--checker-http-port 9080] [--checker-https-port 9443]
 *     [--persister-http-port 9081] [--persister-https-port 9444]
 *     [--extra-config FILE] [--control-port N] [the options of InfraMain]
 * </pre>
 *
 * <p>It starts the embedded Kafka and PostgreSQL in this JVM (the same classes as {@link
 * InfraMain}), then {@code <wlp>/bin/server run sitewatch-checker} and {@code ... run
 * sitewatch-persister} as child processes whose output appears here prefixed with {@code [checker]
 * } / {@code [persister] }. Each server is configured through its environment; see {@link
 * StackPlan} for the variables and how the launcher's own environment overrides them (set {@code
 * MP_MESSAGING_CONNECTOR_LIBERTY_KAFKA_BOOTSTRAP_SERVERS} or {@code SITEWATCH_DB_HOST} to use your
 * own Kafka or PostgreSQL instead of the embedded ones).
 *
 * <p>When both answer 200 on {@code /health/ready} (waiting up to 180 s; if one does not, it says
 * which and keeps running) it prints a banner with the URLs and a psql command line, and writes the
 * {@code --info-file} if asked to.
 *
 * <p>Ctrl-C or SIGTERM: {@code server stop} for both servers in parallel (bounded; a server that
 * hangs is killed), then Kafka, then PostgreSQL; nothing is left running. A server that exits on
 * its own is an error: everything is stopped and the exit status is 1.
 *
 * <p>{@code --control-port N} is test support, for fault injection: an HTTP endpoint on {@code
 * 127.0.0.1:N} (loopback only, no authentication) through which a test stops, starts or kills a
 * Liberty server and stops or starts the embedded Kafka or PostgreSQL, on the same ports and data
 * (see {@link ControlEndpoint} for the requests). A server stopped or killed that way is not an
 * unexpected exit; whatever is running at Ctrl-C is stopped as usual. Without the option there is
 * no endpoint.
 *
 * <p>{@code --extra-config FILE} copies a Liberty configuration fragment into both servers' {@code
 * configDropins/overrides} for this run (the build adds test-only features this way) and removes it
 * on shutdown.
 */
public final class LocalStack {

  private static final Logger LOG = LoggerFactory.getLogger(LocalStack.class);
  private static final Duration READY_TIMEOUT = Duration.ofSeconds(180);
  private static final Duration STOP_WAIT = Duration.ofSeconds(30);
  private static final Duration EXIT_WAIT = Duration.ofSeconds(15);
  private static final Duration KILL_WAIT = Duration.ofSeconds(10);

  /** Longer than any control operation takes: they are all bounded (Kafka's start by 60 s). */
  private static final Duration CONTROL_WAIT = Duration.ofSeconds(90);

  /** For the banner: check_result is the persister's table (its first migration). */
  private static final String RESULTS_QUERY = "select count(*) from check_result";

  private static final String EXTRA_CONFIG_NAME = "zz-sitewatch-localstack-extra.xml";

  /** The server name of the on-demand second persister. */
  private static final String SECOND_PERSISTER = "sitewatch-persister-2";

  static final Set<String> VALUE_OPTIONS =
      Cli.union(
          InfraOptions.VALUE_OPTIONS,
          Set.of(
              "wlp",
              "sites-file",
              "checker-http-port",
              "checker-https-port",
              "persister-http-port",
              "persister-https-port",
              "extra-config",
              "control-port",
              "second-persister-http-port",
              "second-persister-https-port"));

  static final String USAGE =
      String.join(
          "\n",
          "Usage: java -cp ... org.sitewatch.infra.LocalStack [options]",
          "Runs Kafka, PostgreSQL and both Sitewatch Liberty servers until Ctrl-C.",
          "  --wlp DIR                  Liberty install with the two servers (default"
              + " target/liberty/wlp)",
          "  --sites-file FILE          the checker's sites (default sites.yaml; env "
              + StackPlan.SITES_FILE
              + " wins)",
          "  --checker-http-port N      default 9080 (--checker-https-port: 9443)",
          "  --persister-http-port N    default 9081 (--persister-https-port: 9444)",
          "  --extra-config FILE        Liberty config fragment added to both servers for this run",
          "  --control-port N           test/fault-injection support: HTTP on 127.0.0.1:N to stop,",
          "                             start or kill the servers and stop or start the embedded",
          "                             Kafka and PostgreSQL (POST /servers/{checker|persister}/",
          "                             {stop|start|kill}, /kafka/{stop|start},"
              + " /postgres/{stop|start})",
          "  --second-persister-http-port N  with --second-persister-https-port M: lets the",
          "                             control endpoint start a second persister in the same",
          "                             consumer group (POST /servers/persister2/start)",
          InfraOptions.USAGE,
          "Environment: MP_MESSAGING_CONNECTOR_LIBERTY_KAFKA_BOOTSTRAP_SERVERS (use that Kafka),",
          "SITEWATCH_DB_HOST and the other SITEWATCH_DB_* (use that PostgreSQL); any SITEWATCH_*",
          "variable set here reaches the servers unchanged.");

  private final InfraOptions options;
  private final StackPlan plan;
  private final Path wlp;
  private final Optional<Path> extraConfig;
  private final Optional<Integer> controlPort;
  private final Optional<List<Integer>> secondPersisterPorts;
  private final EmbeddedInfra infra = new EmbeddedInfra();

  /** By label ({@code checker}, {@code persister}), in start order; stopped ones stay. */
  private final Map<String, LibertyServer> servers = new LinkedHashMap<>();

  private final ControlEndpoint control = new ControlEndpoint(this::perform);
  private final List<Path> installedExtraConfig = new ArrayList<>();
  private final long pid = ProcessHandle.current().pid();
  private volatile boolean stopping;

  private LocalStack(
      InfraOptions options,
      StackPlan plan,
      Path wlp,
      Optional<Path> extraConfig,
      Optional<Integer> controlPort,
      Optional<List<Integer>> secondPersisterPorts) {
    this.options = options;
    this.plan = plan;
    this.wlp = wlp;
    this.extraConfig = extraConfig;
    this.controlPort = controlPort;
    this.secondPersisterPorts = secondPersisterPorts;
  }

  public static void main(String[] args) throws InterruptedException {
    CommandLine cl = Cli.parseOrExit(args, USAGE, VALUE_OPTIONS, InfraOptions.FLAG_OPTIONS);
    LocalStack stack;
    try {
      Path cwd = Path.of("").toAbsolutePath();
      InfraOptions options = InfraOptions.from(cl);
      StackPlan plan =
          StackPlan.decide(System.getenv(), cl, cwd, EmbeddedPostgres::generatePassword);
      Path wlp = cwd.resolve(cl.value("wlp", "target/liberty/wlp")).normalize();
      Optional<Path> extra = cl.path("extra-config").map(p -> cwd.resolve(p).normalize());
      stack =
          new LocalStack(
              options, plan, wlp, extra, controlPort(cl, options, plan), secondPersisterPorts(cl));
    } catch (CommandLine.UsageException e) {
      stack = Cli.exitWithUsage(e, USAGE);
    }
    try {
      stack.checkPrerequisites();
    } catch (IllegalStateException e) {
      LOG.error("{}", e.getMessage());
      System.exit(1);
    }
    stack.run();
    new CountDownLatch(1).await(); // until Ctrl-C, SIGTERM or a server's unexpected exit
  }

  /**
   * {@code --control-port}, if given: a port none of the parts this launcher starts uses.
   *
   * @throws CommandLine.UsageException if it is not a port number or is taken by another part
   */
  static Optional<Integer> controlPort(CommandLine cl, InfraOptions options, StackPlan plan)
      throws CommandLine.UsageException {
    if (!cl.has("control-port")) {
      return Optional.empty();
    }
    int port = cl.port("control-port", 0);
    Map<Integer, String> taken = new HashMap<>();
    List<Integer> liberty = plan.libertyPorts();
    taken.put(liberty.get(0), "the checker's HTTP port");
    taken.put(liberty.get(1), "the checker's HTTPS port");
    taken.put(liberty.get(2), "the persister's HTTP port");
    taken.put(liberty.get(3), "the persister's HTTPS port");
    if (plan.embeddedKafka()) {
      taken.put(options.kafkaPort(), "Kafka");
      if (options.kafkaControllerPort() != InfraOptions.ANY_FREE_PORT) {
        taken.put(options.kafkaControllerPort(), "the Kafka controller");
      }
    }
    if (plan.embeddedPostgres()) {
      taken.put(plan.postgresPort(), "PostgreSQL");
    }
    if (taken.containsKey(port)) {
      throw new CommandLine.UsageException(
          "--control-port " + port + " is already " + taken.get(port));
    }
    return Optional.of(port);
  }

  /**
   * {@code --second-persister-http-port} and {@code --second-persister-https-port}, if given: the
   * ports of the on-demand second persister.
   *
   * @throws CommandLine.UsageException if only one is given or one is not a port number
   */
  static Optional<List<Integer>> secondPersisterPorts(CommandLine cl)
      throws CommandLine.UsageException {
    boolean http = cl.has("second-persister-http-port");
    boolean https = cl.has("second-persister-https-port");
    if (!http && !https) {
      return Optional.empty();
    }
    if (http != https) {
      throw new CommandLine.UsageException(
          "--second-persister-http-port and --second-persister-https-port go together");
    }
    return Optional.of(
        List.of(
            cl.port("second-persister-http-port", 0), cl.port("second-persister-https-port", 0)));
  }

  /**
   * Everything that can be checked before starting anything, with a message that says what to do.
   */
  private void checkPrerequisites() {
    Map<String, String> env = System.getenv();
    Path script = LibertyServer.serverScript(wlp);
    if (!Files.isExecutable(script)) {
      throw new IllegalStateException(
          "No Liberty at "
              + wlp
              + " ("
              + script
              + " missing). Build the servers first (./mvnw package) or point --wlp at a"
              + " Liberty install that has them.");
    }
    for (String name : List.of("sitewatch-checker", "sitewatch-persister")) {
      Path serverXml = LibertyServer.serverDir(wlp, env, name).resolve("server.xml");
      if (!Files.isRegularFile(serverXml)) {
        throw new IllegalStateException(
            "Liberty server " + name + " not found (" + serverXml + "): build it first.");
      }
    }
    Optional<Path> sites = plan.sitesFile(env);
    if (sites.isPresent() && !Files.isRegularFile(sites.get())) {
      throw new IllegalStateException(
          "Sites file "
              + sites.get()
              + " not found: create it, or pass --sites-file FILE (or set "
              + StackPlan.SITES_FILE
              + ").");
    }
    if (extraConfig.isPresent() && !Files.isRegularFile(extraConfig.get())) {
      throw new IllegalStateException("--extra-config " + extraConfig.get() + " not found");
    }
    if (controlPort.isPresent() && !Ports.isFree(controlPort.get())) {
      throw new IllegalStateException(
          "Port "
              + controlPort.get()
              + " (--control-port) is in use: is an earlier run still up? Stop it or choose"
              + " another port.");
    }
    for (int port : plan.libertyPorts()) {
      if (!Ports.isFree(port)) {
        throw new IllegalStateException(
            "Port "
                + port
                + " is in use: is a Sitewatch server from an earlier run still up? Stop it ("
                + script
                + " stop sitewatch-checker / sitewatch-persister) or choose other ports.");
      }
    }
  }

  private void run() {
    long started = System.nanoTime();
    Runtime.getRuntime().addShutdownHook(new Thread(this::shutdown, "sitewatch-localstack-stop"));
    options.parentPid().ifPresent(ParentWatch::start);
    plan.notes().forEach(note -> LOG.info("{}", note));
    try {
      options.infoFile().ifPresent(InfraMain::removeStaleInfoFile);
      startInfrastructure();
      installExtraConfig();
      startServer(
          "checker", "sitewatch-checker", plan.checkerEnvironment(), plan.checkerHttpPort());
      startServer(
          "persister",
          "sitewatch-persister",
          plan.persisterEnvironment(),
          plan.persisterHttpPort());
      if (controlPort.isPresent()) {
        control.start(controlPort.get());
      }
    } catch (Exception e) {
      if (!stopping) {
        InfraMain.logStartFailure("Starting Sitewatch failed", e);
        exitSoon(1);
      }
      return;
    }
    if (awaitReady(started)) {
      printBanner(started);
      writeInfoFile();
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

  private void installExtraConfig() throws IOException {
    if (extraConfig.isEmpty()) {
      return;
    }
    for (String name : List.of("sitewatch-checker", "sitewatch-persister")) {
      Path overrides =
          LibertyServer.serverDir(wlp, System.getenv(), name)
              .resolve("configDropins")
              .resolve("overrides");
      Files.createDirectories(overrides);
      Path target = overrides.resolve(EXTRA_CONFIG_NAME);
      synchronized (installedExtraConfig) {
        Files.copy(extraConfig.get(), target, StandardCopyOption.REPLACE_EXISTING);
        installedExtraConfig.add(target);
      }
      LOG.info("Added {} to {} for this run", extraConfig.get().getFileName(), name);
    }
  }

  private void startServer(String label, String name, Map<String, String> env, int httpPort)
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

  /**
   * Polls both servers' readiness until both answer 200; true then, false if shutdown began first.
   * Past the deadline it says which server is not ready, and keeps polling: a server that gets
   * there late still gets its banner (and the info file is written then).
   */
  private boolean awaitReady(long startedNanos) {
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
    boolean warned = false;
    Map<LibertyServer, String> pending = new HashMap<>();
    synchronized (servers) {
      servers.values().forEach(s -> pending.put(s, "no answer yet"));
    }
    while (!stopping) {
      for (LibertyServer s : List.copyOf(pending.keySet())) {
        String state = probe(http, s.healthUrl());
        if (state == null) {
          pending.remove(s);
          LOG.info(
              "{} is ready ({} after start)",
              s.name(),
              InfraMain.seconds(Duration.ofNanos(System.nanoTime() - startedNanos)));
        } else {
          pending.put(s, state);
        }
      }
      if (pending.isEmpty()) {
        return true;
      }
      if (!warned && System.nanoTime() - deadline > 0) {
        warned = true;
        pending.forEach(
            (s, state) ->
                LOG.warn(
                    "{} is not ready after {} s ({} {}). It keeps running: see its output above"
                        + " ([{}] lines).",
                    s.name(),
                    READY_TIMEOUT.toSeconds(),
                    s.healthUrl(),
                    state,
                    s.label()));
      }
      Polling.pause(Duration.ofSeconds(1));
    }
    return false;
  }

  /** Null when the URL answers 200, else what it did answer. */
  private static String probe(HttpClient http, String url) {
    try {
      HttpResponse<Void> response =
          http.send(
              HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5)).GET().build(),
              HttpResponse.BodyHandlers.discarding());
      return response.statusCode() == 200 ? null : "answers HTTP " + response.statusCode();
    } catch (IOException e) {
      return "does not answer: " + e.getClass().getSimpleName();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "interrupted";
    }
  }

  private void printBanner(long startedNanos) {
    String checker = "http://localhost:" + plan.checkerHttpPort();
    String persister = "http://localhost:" + plan.persisterHttpPort();
    List<String> lines = new ArrayList<>();
    lines.add(
        "Sitewatch is running ("
            + InfraMain.seconds(Duration.ofNanos(System.nanoTime() - startedNanos))
            + "). Ctrl-C stops everything.");
    lines.add("  checker health     " + checker + "/health/ready");
    lines.add("  persister health   " + persister + "/health/ready");
    lines.add("  history API        " + persister + "/api");
    lines.add(
        "  Kafka              "
            + plan.kafkaBootstrapServers()
            + (plan.embeddedKafka() ? " (embedded, data in " + options.dataDir() + ")" : ""));
    if (plan.embeddedPostgres()) {
      lines.add(
          "  PostgreSQL         "
              + EmbeddedPostgres.jdbcUrl(
                  EmbeddedPostgres.HOST, plan.postgresPort(), EmbeddedPostgres.DATABASE)
              + " (embedded)");
      lines.add("  psql               " + psqlCommand(RESULTS_QUERY));
    } else {
      lines.add(
          "  PostgreSQL         "
              + System.getenv(StackPlan.DB_HOST)
              + ":"
              + plan.postgresPort()
              + " (from "
              + StackPlan.DB_HOST
              + ")");
    }
    String rule = "=".repeat(78);
    StringBuilder banner = new StringBuilder("\n").append(rule).append('\n');
    lines.forEach(l -> banner.append(l).append('\n'));
    banner.append(rule);
    System.out.println(banner);
  }

  /** A command line to paste into a shell, for the runtime role. */
  String psqlCommand(String sql) {
    return "PGPASSWORD="
        + shellQuote(plan.appPassword())
        + " psql -h "
        + EmbeddedPostgres.HOST
        + " -p "
        + plan.postgresPort()
        + " -U "
        + EmbeddedPostgres.APP_ROLE
        + " "
        + EmbeddedPostgres.DATABASE
        + " -c "
        + shellQuote(sql);
  }

  /** POSIX shell single quotes: safe for any value. */
  static String shellQuote(String value) {
    if (value.matches("[A-Za-z0-9_./:=@-]+")) {
      return value;
    }
    return "'" + value.replace("'", "'\\''") + "'";
  }

  private void writeInfoFile() {
    if (options.infoFile().isEmpty()) {
      return;
    }
    Map<String, String> env = System.getenv();
    boolean embedded = plan.embeddedPostgres();
    InfraInfo info =
        new InfraInfo(
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
    try {
      info.write(options.infoFile().get());
    } catch (IOException e) {
      LOG.error("Cannot write the info file {}: {}", options.infoFile().get(), e.getMessage());
    }
  }

  /** A control endpoint operation; one at a time (the endpoint serialises them). */
  private String perform(ControlEndpoint.Route route) throws Exception {
    if (stopping) {
      throw new ControlEndpoint.Conflict("shutting down");
    }
    ControlEndpoint.Target target = route.target();
    if (target.isServer()) {
      LibertyServer server;
      synchronized (servers) {
        server = servers.get(target.label());
      }
      if (server == null
          && target == ControlEndpoint.Target.PERSISTER2
          && route.action() == ControlEndpoint.Action.START) {
        return startSecondPersister();
      }
      if (server == null) {
        throw new ControlEndpoint.Conflict(target.label() + " was never started");
      }
      return performOnServer(server, route.action());
    }
    if (target == ControlEndpoint.Target.KAFKA) {
      if (!plan.embeddedKafka()) {
        throw new ControlEndpoint.Conflict(
            "Kafka is not embedded (" + StackPlan.KAFKA_BOOTSTRAP + " is set)");
      }
      return route.action() == ControlEndpoint.Action.STOP ? stopKafka() : startKafka();
    }
    if (!plan.embeddedPostgres()) {
      throw new ControlEndpoint.Conflict(
          "PostgreSQL is not embedded (" + StackPlan.DB_HOST + " is set)");
    }
    return route.action() == ControlEndpoint.Action.STOP ? stopPostgres() : startPostgres();
  }

  /**
   * The first start of the second persister: a copy of the persister's server directory (its
   * configuration and application, not its logs or work area) under another name, with its own
   * ports and otherwise the persister's environment, so it joins the same consumer group.
   */
  private String startSecondPersister() throws Exception {
    if (secondPersisterPorts.isEmpty()) {
      throw new ControlEndpoint.Conflict(
          "no second persister: start the launcher with --second-persister-http-port and"
              + " --second-persister-https-port");
    }
    int httpPort = secondPersisterPorts.get().get(0);
    if (!Ports.isFree(httpPort)) {
      throw new ControlEndpoint.Conflict(
          "persister2's HTTP port " + httpPort + " is in use by something else");
    }
    Map<String, String> env = System.getenv();
    Path original = LibertyServer.serverDir(wlp, env, "sitewatch-persister");
    Path copy = LibertyServer.serverDir(wlp, env, SECOND_PERSISTER);
    Directories.deleteRecursively(copy);
    try (var paths = Files.walk(original)) {
      for (Path from : (Iterable<Path>) paths::iterator) {
        Path relative = original.relativize(from);
        if (relative.getNameCount() > 0
            && Set.of("logs", "workarea", "tranlog").contains(relative.getName(0).toString())) {
          continue;
        }
        Path to = copy.resolve(relative.toString());
        if (Files.isDirectory(from)) {
          Files.createDirectories(to);
        } else {
          Files.copy(from, to, StandardCopyOption.COPY_ATTRIBUTES);
        }
      }
    }
    Map<String, String> persister2 = new LinkedHashMap<>(plan.persisterEnvironment());
    persister2.put(StackPlan.HTTP_PORT, Integer.toString(httpPort));
    persister2.put(StackPlan.HTTPS_PORT, Integer.toString(secondPersisterPorts.get().get(1)));
    startServer(ControlEndpoint.Target.PERSISTER2.label(), SECOND_PERSISTER, persister2, httpPort);
    return "persister2 started as " + SECOND_PERSISTER + " on port " + httpPort;
  }

  private String performOnServer(LibertyServer server, ControlEndpoint.Action action)
      throws Exception {
    String label = server.label();
    switch (action) {
      case STOP -> {
        if (!server.isRunning()) {
          throw new ControlEndpoint.Conflict(label + " is not running");
        }
        server.stop(STOP_WAIT, EXIT_WAIT);
        return label + " stopped";
      }
      case KILL -> {
        long killed =
            server.pid().orElseThrow(() -> new ControlEndpoint.Conflict(label + " is not running"));
        server.kill(KILL_WAIT);
        return label + " killed, pid " + killed;
      }
      case START -> {
        if (server.isRunning()) {
          throw new ControlEndpoint.Conflict(label + " is already running");
        }
        if (!Ports.isFree(server.httpPort())) {
          throw new ControlEndpoint.Conflict(
              label + "'s HTTP port " + server.httpPort() + " is in use by something else");
        }
        return label + " started, pid " + server.start();
      }
      default -> throw new IllegalArgumentException("no " + action + " for servers");
    }
  }

  private String stopKafka() throws Exception {
    if (!infra.stopKafka()) {
      throw new ControlEndpoint.Conflict("Kafka is not running");
    }
    if (!Ports.isFree(options.kafkaPort())) {
      throw new IOException("Kafka stopped, but port " + options.kafkaPort() + " is still in use");
    }
    return "Kafka stopped";
  }

  private String startKafka() throws Exception {
    if (infra.kafka().isPresent()) {
      throw new ControlEndpoint.Conflict("Kafka is already running");
    }
    EmbeddedKafka kafka =
        infra.startKafka(
            options.kafkaPort(), options.kafkaControllerPort(), options.dataDir(), false);
    return "Kafka started on " + kafka.bootstrapServers();
  }

  private String stopPostgres() throws Exception {
    if (!infra.stopPostgres()) {
      throw new ControlEndpoint.Conflict("PostgreSQL is not running");
    }
    if (!Ports.isFree(plan.postgresPort())) {
      throw new IOException(
          "PostgreSQL stopped, but port " + plan.postgresPort() + " is still in use");
    }
    return "PostgreSQL stopped";
  }

  private String startPostgres() throws Exception {
    if (infra.postgres().isPresent()) {
      throw new ControlEndpoint.Conflict("PostgreSQL is already running");
    }
    EmbeddedPostgres pg =
        infra.startPostgres(
            plan.postgresPort(),
            options.dataDir(),
            false,
            plan.ownerPassword(),
            plan.appPassword());
    return "PostgreSQL started on " + pg.host() + ":" + pg.port();
  }

  /**
   * The shutdown hook: the servers first (in parallel, bounded), then Kafka, then PostgreSQL, so
   * that the servers can finish their work against both.
   */
  private void shutdown() {
    stopping = true;
    infra.beginClose();
    LOG.info("Stopping Sitewatch");
    // A control operation in progress ends first: what it started is then stopped below.
    control.close(CONTROL_WAIT);
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
    synchronized (installedExtraConfig) {
      for (Path p : installedExtraConfig) {
        try {
          Files.deleteIfExists(p);
        } catch (IOException e) {
          LOG.warn("Cannot remove {}: {}", p, e.getMessage());
        }
      }
    }
    infra.close();
    LOG.info("Sitewatch stopped");
  }

  /** Exit from another thread: exit() blocks until the shutdown hook is done. */
  private static void exitSoon(int status) {
    new Thread(() -> System.exit(status), "sitewatch-exit").start();
  }
}
