package org.sitewatch.systemtest;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.stream.Collectors;

/**
 * A loopback web site that misbehaves on purpose, one path per scenario. The build starts it before
 * the checker. It remembers the Sitewatch check id of every request it served, per path, so a test
 * can prove that each probe that reached it became exactly one stored row.
 */
public final class ScenarioTarget {

  static final String MARKER = "sitewatch-marker";
  static final String CHECK_ID_HEADER = "Sitewatch-Check-Id";

  private final Map<String, Set<String>> checkIdsByPath = new ConcurrentHashMap<>();
  private final HttpServer server;

  ScenarioTarget(int port) throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 100);
    server.setExecutor(Executors.newCachedThreadPool());
    server.createContext("/ok", exchange -> reply(exchange, 200, "<p>hello " + MARKER + "</p>"));
    // For in-container probes, apart from /ok whose checks the pipeline test accounts for.
    server.createContext("/in-container", exchange -> reply(exchange, 200, "<p>hello</p>"));
    server.createContext("/no-marker", exchange -> reply(exchange, 200, "<p>nothing here</p>"));
    server.createContext("/error", exchange -> reply(exchange, 500, "boom"));
    server.createContext(
        "/slow",
        exchange -> {
          try {
            Thread.sleep(10_000);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          reply(exchange, 200, "finally " + MARKER);
        });
    server.createContext(
        "/loop",
        exchange -> {
          exchange.getResponseHeaders().add("Location", "/loop");
          reply(exchange, 302, "");
        });
    server.createContext("/_checks", this::listChecks);
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

  /** Runs until the JVM is stopped: {@code ScenarioTarget <port>}. */
  public static void main(String[] args) throws Exception {
    ScenarioTarget target = new ScenarioTarget(Integer.parseInt(args[0]));
    target.server.start();
    System.out.println("Scenario target listening on 127.0.0.1:" + args[0]);
    Thread.currentThread().join();
  }
}
