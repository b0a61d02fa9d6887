package org.sitewatch.bench;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The loopback web sites the checker benchmarks probe: every path answers 200 with a small body,
 * and every request is counted, so both monitors compared are measured by the same yardstick.
 */
final class TargetFarm implements AutoCloseable {

  private static final byte[] BODY = "OK sitewatch farm\n".getBytes(StandardCharsets.US_ASCII);

  private final HttpServer server;
  private final ExecutorService workers = Executors.newFixedThreadPool(4);
  private final AtomicLong requests = new AtomicLong();

  TargetFarm() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 4096);
    server.setExecutor(workers);
    server.createContext(
        "/",
        exchange -> {
          try (InputStream in = exchange.getRequestBody();
              OutputStream out = exchange.getResponseBody()) {
            in.transferTo(OutputStream.nullOutputStream());
            exchange.sendResponseHeaders(200, BODY.length);
            out.write(BODY);
          }
          requests.incrementAndGet();
        });
    server.start();
  }

  String url(int site) {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/site/" + site;
  }

  /** Requests answered so far. */
  long requests() {
    return requests.get();
  }

  @Override
  public void close() {
    server.stop(0);
    workers.shutdownNow();
  }
}
