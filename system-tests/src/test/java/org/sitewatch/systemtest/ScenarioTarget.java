package org.sitewatch.systemtest;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.stream.Collectors;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/**
 * A loopback web site that misbehaves on purpose, one path per scenario. The build starts it before
 * the checker. It remembers the Sitewatch check id of every request it served, per path, so a test
 * can prove that each probe that reached it became exactly one stored row.
 */
public final class ScenarioTarget {

  static final String MARKER = "sitewatch-marker";
  static final String CHECK_ID_HEADER = "Sitewatch-Check-Id";

  /** The body /big sends, with the marker only past its first MiB. */
  static final int BIG_BODY_BYTES = 2 * 1024 * 1024;

  /**
   * Made once: a copy per request, with requests piling up while the checker stops reading them,
   * ran this JVM out of its heap and broke every other scenario with it.
   */
  private static final byte[] BIG_BODY = bigBody();

  private static final int BIG_BODY_CHUNK = 64 * 1024;

  /** 1 MiB on one line without the word RedirectRulesIT's catastrophic regex looks for. */
  private static final byte[] LONG_LINE = "a".repeat(1024 * 1024).getBytes(StandardCharsets.UTF_8);

  private final Map<String, Set<String>> checkIdsByPath = new ConcurrentHashMap<>();
  private final Set<String> flakyCheckIds = ConcurrentHashMap.newKeySet();
  private final HttpServer server;
  private final HttpsServer secureServer;
  private final HttpsServer expiredServer;
  private final String expectedToken;

  /**
   * @param expectedToken what /echo expects after "Bearer " in Authorization: the value the
   *     checker's environment gives the sites file's ${ST_TEST_TOKEN}
   */
  ScenarioTarget(int port, int securePort, int expiredPort, Path certificates, String expectedToken)
      throws IOException, GeneralSecurityException {
    this.expectedToken = expectedToken;
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 100);
    server.setExecutor(Executors.newCachedThreadPool());
    secureServer =
        HttpsServer.create(
            new InetSocketAddress(InetAddress.getLoopbackAddress(), securePort), 100);
    secureServer.setHttpsConfigurator(
        new HttpsConfigurator(sslContext(certificates.resolve(TestCertificates.KEY_STORE))));
    secureServer.setExecutor(Executors.newCachedThreadPool());
    secureServer.createContext("/secure", exchange -> reply(exchange, 200, "<p>secure</p>"));
    // An expired certificate nobody trusts: the checker must never get as far as a request.
    expiredServer =
        HttpsServer.create(
            new InetSocketAddress(InetAddress.getLoopbackAddress(), expiredPort), 100);
    expiredServer.setHttpsConfigurator(
        new HttpsConfigurator(
            sslContext(certificates.resolve(TestCertificates.EXPIRED_KEY_STORE))));
    expiredServer.setExecutor(Executors.newCachedThreadPool());
    expiredServer.createContext("/expired", exchange -> reply(exchange, 200, "<p>stale</p>"));
    server.createContext(
        "/slow-answer",
        exchange -> {
          pause(600);
          reply(exchange, 200, "late but fine");
        });
    server.createContext("/echo", this::echo);
    server.createContext(
        "/flaky",
        exchange -> {
          // Fails each check's first attempt and answers its retry (same Sitewatch-Check-Id).
          String checkId = exchange.getRequestHeaders().getFirst(CHECK_ID_HEADER);
          boolean first = checkId == null || flakyCheckIds.add(checkId);
          reply(exchange, first ? 503 : 200, first ? "not yet" : "now fine");
        });
    server.createContext(
        "/big",
        exchange -> {
          exchange.getResponseHeaders().add("Content-Type", "text/plain; charset=utf-8");
          exchange.sendResponseHeaders(200, BIG_BODY.length);
          try (OutputStream out = exchange.getResponseBody()) {
            // In pieces: the JDK server copies each write into a buffer of its size, and a
            // connection the checker has stopped reading holds that buffer until it is closed.
            for (int at = 0; at < BIG_BODY.length; at += BIG_BODY_CHUNK) {
              out.write(BIG_BODY, at, Math.min(BIG_BODY_CHUNK, BIG_BODY.length - at));
            }
          } catch (IOException e) {
            // The checker stops reading at its limit and closes: expected here.
          }
        });
    server.createContext("/ok", exchange -> reply(exchange, 200, "<p>hello " + MARKER + "</p>"));
    // For probes whose results PipelineIT does not account for (in-container, another stack's).
    server.createContext("/untracked", exchange -> reply(exchange, 200, "<p>hello</p>"));
    server.createContext("/no-marker", exchange -> reply(exchange, 200, "<p>nothing here</p>"));
    server.createContext("/error", exchange -> reply(exchange, 500, "boom"));
    server.createContext(
        "/slow",
        exchange -> {
          pause(10_000);
          reply(exchange, 200, "finally " + MARKER);
        });
    server.createContext(
        "/loop",
        exchange -> {
          exchange.getResponseHeaders().add("Location", "/loop");
          reply(exchange, 302, "");
        });
    server.createContext("/_checks", this::listChecks);
    addRedirectScenarios(port, securePort);
    server.createContext(
        "/regex/long-line",
        exchange -> {
          exchange.getResponseHeaders().add("Content-Type", "text/plain; charset=utf-8");
          exchange.sendResponseHeaders(200, LONG_LINE.length);
          try (OutputStream out = exchange.getResponseBody()) {
            out.write(LONG_LINE);
          } catch (IOException e) {
            // The checker may give up on the body at its deadline: expected here.
          }
        });
  }

  /**
   * For RedirectRulesIT: redirects of every kind to /redirect/landing, which says what reached it.
   * The https server is another origin (scheme and port) with the same landing.
   */
  private void addRedirectScenarios(int port, int securePort) {
    String plain = "http://127.0.0.1:" + port;
    String secure = "https://127.0.0.1:" + securePort;
    redirect(server, "/redirect/see-other", 303, "/redirect/landing");
    redirect(server, "/redirect/found", 302, "/redirect/landing");
    redirect(server, "/redirect/temporary", 307, "/redirect/landing");
    redirect(server, "/redirect/permanent", 308, "/redirect/landing");
    redirect(server, "/redirect/away", 302, secure + "/redirect/landing");
    redirect(server, "/redirect/spaced", 302, "/redirect/landing page?q=a b|c");
    redirect(secureServer, "/redirect/insecure", 302, plain + "/redirect/landing");
    server.createContext("/redirect/landing", this::landing);
    secureServer.createContext("/redirect/landing", this::landing);
  }

  private void redirect(HttpServer on, String path, int status, String location) {
    on.createContext(
        path,
        exchange -> {
          exchange.getRequestBody().readAllBytes();
          exchange.getResponseHeaders().add("Location", location);
          reply(exchange, status, "");
        });
  }

  /** Answers "METHOD body=… auth=present|absent" for whatever a redirect led here. */
  private void landing(HttpExchange exchange) throws IOException {
    String body =
        new String(exchange.getRequestBody().readNBytes(64 * 1024), StandardCharsets.UTF_8);
    boolean authorized = exchange.getRequestHeaders().containsKey("Authorization");
    reply(
        exchange,
        200,
        exchange.getRequestMethod()
            + " body="
            + (body.isEmpty() ? "none" : body)
            + " auth="
            + (authorized ? "present" : "absent"));
  }

  /** Answers what it received: method, body and whether the Authorization token was right. */
  private void echo(HttpExchange exchange) throws IOException {
    byte[] received = exchange.getRequestBody().readNBytes(64 * 1024);
    String authorization = exchange.getRequestHeaders().getFirst("Authorization");
    boolean authorized = ("Bearer " + expectedToken).equals(authorization);
    reply(
        exchange,
        200,
        exchange.getRequestMethod()
            + " "
            + new String(received, StandardCharsets.UTF_8)
            + " "
            + exchange.getRequestHeaders().getFirst("Content-Type")
            + (authorized ? " authorized" : " unauthorized"));
  }

  private static void pause(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static SSLContext sslContext(Path keyStore) throws IOException, GeneralSecurityException {
    char[] password = TestCertificates.STORE_PASSWORD.toCharArray();
    KeyStore keys = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(keyStore)) {
      keys.load(in, password);
    }
    KeyManagerFactory factory =
        KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    factory.init(keys, password);
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(factory.getKeyManagers(), null, null);
    return context;
  }

  private void reply(HttpExchange exchange, int status, String body) throws IOException {
    String checkId = exchange.getRequestHeaders().getFirst(CHECK_ID_HEADER);
    if (checkId != null) {
      checkIdsByPath
          .computeIfAbsent(exchange.getHttpContext().getPath(), p -> ConcurrentHashMap.newKeySet())
          .add(checkId);
    }
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().add("Content-Type", "text/html; charset=utf-8");
    exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  /** {@code GET /_checks?path=/ok}: the check ids seen on that path, one per line. */
  private void listChecks(HttpExchange exchange) throws IOException {
    String query = exchange.getRequestURI().getQuery();
    String path = query == null ? "" : query.replaceFirst("^path=", "");
    String ids =
        checkIdsByPath.getOrDefault(path, Set.of()).stream().collect(Collectors.joining("\n"));
    byte[] bytes = ids.getBytes(StandardCharsets.UTF_8);
    exchange.sendResponseHeaders(200, bytes.length == 0 ? -1 : bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  /**
   * Runs until the JVM is stopped: {@code ScenarioTarget <port> <https port> <expired https port>
   * <certificates dir> <token>}.
   */
  public static void main(String[] args) throws Exception {
    ScenarioTarget target =
        new ScenarioTarget(
            Integer.parseInt(args[0]),
            Integer.parseInt(args[1]),
            Integer.parseInt(args[2]),
            Path.of(args[3]),
            args[4]);
    target.server.start();
    target.secureServer.start();
    target.expiredServer.start();
    System.out.println(
        "Scenario target listening on 127.0.0.1:" + args[0] + " and https " + args[1]);
    Thread.currentThread().join();
  }

  private static byte[] bigBody() {
    byte[] body = new byte[BIG_BODY_BYTES];
    java.util.Arrays.fill(body, (byte) 'x');
    byte[] marker = MARKER.getBytes(StandardCharsets.UTF_8);
    System.arraycopy(marker, 0, body, body.length - marker.length, marker.length);
    return body;
  }
}
