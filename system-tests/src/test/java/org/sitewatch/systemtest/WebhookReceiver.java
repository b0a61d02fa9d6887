package org.sitewatch.systemtest;

import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import tools.jackson.databind.ObjectMapper;

/**
 * A loopback webhook receiver for the alert tests, on 127.0.0.1 port {@code st.alert.hook.port}
 * (the stack's persister has {@code ST_ALERT_SLACK_URL} pointing at its {@code /slack}). It records
 * every request, headers and exact body bytes, with the status it answered, and answers 200 until
 * told to answer something else (503 for an outage).
 */
final class WebhookReceiver implements AutoCloseable {

  /**
   * One request as it arrived.
   *
   * @param headers by lower-case name
   * @param answered the status it was answered with
   */
  record Request(String path, Map<String, String> headers, byte[] body, int answered, Instant at) {

    String header(String name) {
      return headers.get(name.toLowerCase(Locale.ROOT));
    }

    String text() {
      return new String(body, StandardCharsets.UTF_8);
    }

    boolean delivered() {
      return answered / 100 == 2;
    }
  }

  private static final ObjectMapper JSON = new ObjectMapper();

  private final HttpServer server;
  private final ExecutorService threads = Executors.newFixedThreadPool(4);
  private final List<Request> requests = new CopyOnWriteArrayList<>();
  private volatile int answer = 200;

  private WebhookReceiver(int port) throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 50);
    server.createContext("/", this::record);
    server.setExecutor(threads);
    server.start();
  }

  /** The receiver on {@code st.alert.hook.port}. */
  static WebhookReceiver start() throws IOException {
    return new WebhookReceiver(Integer.getInteger("st.alert.hook.port"));
  }

  URI url(String path) {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
  }

  /** The status every request gets from now on (200 at first). */
  void answer(int status) {
    answer = status;
  }

  /** Every request to {@code path} so far, in arrival order. */
  List<Request> requests(String path) {
    return requests.stream().filter(r -> r.path().equals(path)).toList();
  }

  /** Waits until {@code path} has been answered 2xx {@code count} times; returns those requests. */
  List<Request> awaitDelivered(String path, int count, Duration atMost) {
    await(count + " delivered requests to " + path)
        .atMost(atMost)
        .pollInterval(Duration.ofMillis(50))
        .until(() -> delivered(path).size() >= count);
    return delivered(path);
  }

  List<Request> delivered(String path) {
    return requests(path).stream().filter(Request::delivered).toList();
  }

  /** The idempotency keys of every notification delivered to {@code path}, in arrival order. */
  List<String> deliveredKeys(String path) {
    List<String> keys = new ArrayList<>();
    for (Request request : delivered(path)) {
      JSON.readTree(request.body())
          .get("notifications")
          .forEach(notification -> keys.add(notification.get("idempotencyKey").asString()));
    }
    return keys;
  }

  private void record(HttpExchange exchange) throws IOException {
    byte[] body;
    try (InputStream in = exchange.getRequestBody()) {
      body = in.readAllBytes();
    }
    Map<String, String> headers = new TreeMap<>();
    exchange
        .getRequestHeaders()
        .forEach((name, values) -> headers.put(name.toLowerCase(Locale.ROOT), values.get(0)));
    int status = answer;
    requests.add(
        new Request(exchange.getRequestURI().getPath(), headers, body, status, Instant.now()));
    exchange.sendResponseHeaders(status, -1);
    exchange.close();
  }

  @Override
  public void close() {
    server.stop(0);
    threads.shutdownNow();
  }
}
