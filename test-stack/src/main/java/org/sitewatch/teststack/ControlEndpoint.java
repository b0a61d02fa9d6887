package org.sitewatch.teststack;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.sitewatch.infra.InfraMain;
import org.sitewatch.infra.Ports;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link TestStack}'s optional control endpoint, for fault-injection tests: plain HTTP on {@code
 * 127.0.0.1} only, no authentication (anyone who can reach loopback could as well signal the
 * processes), never enabled unless {@code --control-port} is given.
 *
 * <pre>
 * POST /servers/{checker|persister|checkerN|persisterN}/stop   server stop, bounded as at
 *                                                             shutdown
 * POST /servers/{checker|persister|checkerN|persisterN}/start  launch it (again); returns once
 *                                                             launched, not ready
 * POST /servers/{checkerN|persisterN}/start?SITEWATCH_X=v&amp;…  with these SITEWATCH_* or
 *                                                             MP_MESSAGING_* variables added
 * POST /servers/{checker|persister|checkerN|persisterN}/kill   SIGKILL the server's process tree
 * POST /kafka/stop      POST /kafka/start      same port and data, not cleaned
 * POST /postgres/stop   POST /postgres/start   same port, data and passwords, not cleaned
 * </pre>
 *
 * <p>{@code checker2}, {@code checker3}, … and {@code persister2}, … are more checkers in the same
 * checker group and more persisters in the same consumer group, each started only on demand and
 * only when the launcher was given ports for it ({@code --more-checkers}, {@code
 * --more-persisters}): a copy of the stack's server, made at its first start; each start runs it
 * with the variables of that start.
 *
 * <p>A request whose {@code Host} is not {@code 127.0.0.1:<port>} or {@code localhost:<port>}, or
 * that has an {@code Origin} header, is refused with 403 before anything else: that is what a
 * browser sends, never a test.
 *
 * <p>Each answers when the operation is done: 200 with a line of text, 404 for any other path, 405
 * for another method than POST, 400 for variables where none are taken, 409 when the state does not
 * allow it (stopping what is stopped, Kafka or PostgreSQL not embedded, shutdown in progress), 500
 * with the message when it failed. Operations run one at a time; {@link #close} waits for the one
 * in progress.
 */
final class ControlEndpoint implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(ControlEndpoint.class);

  /**
   * What a path names: a Liberty server by its label ({@code checker}, {@code persister}, and the
   * on-demand {@code checker2}, {@code checker3}, …, {@code persister2}, …), Kafka or PostgreSQL.
   */
  record Target(String label, boolean isServer) {

    static final Target CHECKER = server("checker");
    static final Target PERSISTER = server("persister");
    static final Target KAFKA = new Target("kafka", false);
    static final Target POSTGRES = new Target("postgres", false);

    private static final Pattern SERVER = Pattern.compile("(checker|persister)([2-9])?");

    static Target server(String label) {
      return new Target(label, true);
    }

    /** The target a path's base names ({@code servers/checker2}, {@code kafka}), if any. */
    static Optional<Target> parse(String base) {
      if (base.equals(KAFKA.label)) {
        return Optional.of(KAFKA);
      }
      if (base.equals(POSTGRES.label)) {
        return Optional.of(POSTGRES);
      }
      String prefix = "servers/";
      if (base.startsWith(prefix) && SERVER.matcher(base.substring(prefix.length())).matches()) {
        return Optional.of(server(base.substring(prefix.length())));
      }
      return Optional.empty();
    }

    String path() {
      return isServer ? "servers/" + label : label;
    }

    /** {@code checker} or {@code persister} for an on-demand server ({@code checker2}, …). */
    Optional<String> onDemandRole() {
      Matcher m = SERVER.matcher(label);
      return isServer && m.matches() && m.group(2) != null
          ? Optional.of(m.group(1))
          : Optional.empty();
    }
  }

  enum Action {
    STOP,
    START,
    /** Liberty servers only. */
    KILL;

    String label() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /**
   * One operation: {@code POST /<target path>/<action>}; a server's start may add environment
   * variables to the ones it is given, as query parameters named {@code SITEWATCH_*} or {@code
   * MP_MESSAGING_*}.
   */
  record Route(Target target, Action action, Map<String, String> environment) {

    private static final Pattern VARIABLE = Pattern.compile("(SITEWATCH|MP_MESSAGING)_[A-Z0-9_]+");

    Route(Target target, Action action) {
      this(target, action, Map.of());
    }

    /** The route a request path names, if any. Exact match: no trailing slash, no prefix. */
    static Optional<Route> parse(String path) {
      if (path == null || !path.startsWith("/")) {
        return Optional.empty();
      }
      int slash = path.lastIndexOf('/');
      if (slash < 1) {
        return Optional.empty();
      }
      String verb = path.substring(slash + 1);
      Optional<Target> target = Target.parse(path.substring(1, slash));
      if (target.isEmpty()) {
        return Optional.empty();
      }
      for (Action action : Action.values()) {
        if (action.label().equals(verb) && (target.get().isServer() || action != Action.KILL)) {
          return Optional.of(new Route(target.get(), action));
        }
      }
      return Optional.empty();
    }

    /**
     * This route with the environment a query names ({@code SITEWATCH_LOCATION=eu&...}).
     *
     * @throws IllegalArgumentException if the route takes none, or a name is not a {@code
     *     SITEWATCH_*} or {@code MP_MESSAGING_*} variable
     */
    Route withEnvironment(String query) {
      if (query == null || query.isEmpty()) {
        return this;
      }
      if (!target.isServer() || action != Action.START) {
        throw new IllegalArgumentException("only a server's start takes variables");
      }
      Map<String, String> variables = new LinkedHashMap<>();
      for (String pair : query.split("&")) {
        int eq = pair.indexOf('=');
        String name = eq < 0 ? pair : pair.substring(0, eq);
        if (!VARIABLE.matcher(name).matches()) {
          throw new IllegalArgumentException(
              "not a SITEWATCH_* or MP_MESSAGING_* variable: " + name);
        }
        variables.put(name, eq < 0 ? "" : pair.substring(eq + 1));
      }
      return new Route(target, action, Map.copyOf(variables));
    }

    String path() {
      return "/" + target.path() + "/" + action.label();
    }
  }

  /** What the launcher does for a route; returns the text of the 200 answer. */
  @FunctionalInterface
  interface Operations {
    /**
     * @throws Conflict when the current state does not allow the operation (409)
     * @throws Exception when it failed (500)
     */
    String perform(Route route) throws Exception;
  }

  /** The state does not allow the operation; the message says why. */
  static final class Conflict extends Exception {
    private static final long serialVersionUID = 1L;

    Conflict(String message) {
      super(message);
    }
  }

  /** An HTTP answer: status and one line of text. */
  record Reply(int status, String text) {}

  private final int port;
  private final Operations operations;
  private final ReentrantLock serial = new ReentrantLock(true);
  private volatile boolean closed;
  private HttpServer server;
  private ExecutorService executor;

  ControlEndpoint(int port, Operations operations) {
    this.port = port;
    this.operations = operations;
  }

  /** Binds {@code 127.0.0.1:port} and starts answering. */
  void start() throws IOException {
    server =
        HttpServer.create(new InetSocketAddress(InetAddress.getByName(Ports.LOOPBACK), port), 0);
    // Not the dispatcher thread: stop() must not wait for an operation in progress.
    executor =
        Executors.newSingleThreadExecutor(
            r -> {
              Thread t = new Thread(r, "sitewatch-control");
              t.setDaemon(true);
              return t;
            });
    server.setExecutor(executor);
    server.createContext("/", this::handle);
    server.start();
    LOG.info(
        "Control endpoint on http://{}:{}/ (test and fault-injection support)",
        Ports.LOOPBACK,
        server.getAddress().getPort());
  }

  /**
   * Refuses further operations (409), waits up to {@code wait} for one in progress to end, so that
   * what it started is there for the caller to stop and its client gets the answer, then stops
   * answering.
   */
  void close(Duration wait) {
    closed = true;
    try {
      if (serial.tryLock(wait.toMillis(), TimeUnit.MILLISECONDS)) {
        serial.unlock();
      } else {
        LOG.warn(
            "A control operation is still running after {} s: stopping anyway", wait.toSeconds());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (server != null) {
      server.stop(1); // returns as soon as no answer is being written
      executor.shutdown();
    }
  }

  @Override
  public void close() {
    close(Duration.ZERO);
  }

  Reply reply(String method, String path, Headers headers) {
    return reply(method, path, null, headers);
  }

  /** The answer to a request: routing, then the operation (one at a time). */
  Reply reply(String method, String path, String query, Headers headers) {
    Optional<String> refusal = refusal(headers);
    if (refusal.isPresent()) {
      LOG.warn("Control: {} {} refused: {}", method, path, refusal.get());
      return new Reply(403, refusal.get());
    }
    Optional<Route> parsed = Route.parse(path);
    if (parsed.isEmpty()) {
      return new Reply(404, "Not found: " + path);
    }
    if (!"POST".equals(method)) {
      return new Reply(405, method + " not allowed: use POST " + path);
    }
    Optional<Route> route;
    try {
      route = Optional.of(parsed.get().withEnvironment(query));
    } catch (IllegalArgumentException e) {
      return new Reply(400, e.getMessage());
    }
    serial.lock();
    try {
      if (closed) {
        return new Reply(409, "shutting down");
      }
      long started = System.nanoTime();
      LOG.info("Control: {} {}", route.get().target().label(), route.get().action().label());
      try {
        String text =
            operations.perform(route.get())
                + " ("
                + InfraMain.seconds(Duration.ofNanos(System.nanoTime() - started))
                + ")";
        LOG.info("Control: {}", text);
        return new Reply(200, text);
      } catch (Conflict e) {
        LOG.info("Control: {} refused: {}", route.get().path(), e.getMessage());
        return new Reply(409, e.getMessage());
      } catch (Exception e) {
        LOG.error("Control: {} failed: {}", route.get().path(), e.getMessage(), e);
        return new Reply(500, e.getClass().getSimpleName() + ": " + e.getMessage());
      }
    } finally {
      serial.unlock();
    }
  }

  /**
   * Why a request is refused, if it is. Loopback alone does not keep a browser out: a page from
   * elsewhere whose name rebinds to 127.0.0.1 sends its own Host, and a cross-site form or fetch
   * POST always carries an Origin; a test's HTTP client sends neither.
   */
  private Optional<String> refusal(Headers headers) {
    List<String> hosts = headers.getOrDefault("Host", List.of());
    Set<String> allowed = Set.of(Ports.LOOPBACK + ":" + port, "localhost:" + port);
    if (hosts.size() != 1 || !allowed.contains(hosts.get(0))) {
      return Optional.of("Host must be " + Ports.LOOPBACK + ":" + port + " or localhost:" + port);
    }
    if (headers.containsKey("Origin")) {
      return Optional.of("requests with an Origin header are refused");
    }
    return Optional.empty();
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      try (InputStream in = exchange.getRequestBody()) {
        in.readAllBytes(); // any body is ignored
      }
      String method = exchange.getRequestMethod();
      Reply reply =
          reply(
              method,
              exchange.getRequestURI().getPath(),
              exchange.getRequestURI().getQuery(),
              exchange.getRequestHeaders());
      if (reply.status() == 405) {
        exchange.getResponseHeaders().set("Allow", "POST");
      }
      byte[] body = (reply.text() + "\n").getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
      exchange.sendResponseHeaders(reply.status(), "HEAD".equals(method) ? -1 : body.length);
      if (!"HEAD".equals(method)) {
        try (OutputStream out = exchange.getResponseBody()) {
          out.write(body);
        }
      }
    } catch (IOException e) {
      LOG.debug("Control: answering failed: {}", e.toString()); // the client went away
    }
  }
}
