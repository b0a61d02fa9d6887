package org.sitewatch.infra;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Waits for Liberty servers to answer 200 on {@code /health/ready}. */
final class Readiness {

  /** How a wait ended. */
  enum Outcome {
    READY,
    STOPPING,
    /** An application failed to start: waiting longer cannot help. */
    FAILED
  }

  private static final Logger LOG = LoggerFactory.getLogger(Readiness.class);
  private static final Duration READY_TIMEOUT = Duration.ofSeconds(180);

  private Readiness() {}

  /**
   * Polls the servers' readiness until all answer 200, {@code stopping} becomes true, or an
   * application fails to start (then its problems are logged, once). Past the deadline it says
   * which server is not ready, and keeps polling: a server that gets there late still gets its
   * banner (and the info file is written then).
   */
  static Outcome await(List<LibertyServer> servers, long startedNanos, BooleanSupplier stopping) {
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
    boolean warned = false;
    Map<LibertyServer, String> pending = new HashMap<>();
    servers.forEach(s -> pending.put(s, "no answer yet"));
    while (!stopping.getAsBoolean()) {
      for (LibertyServer s : List.copyOf(pending.keySet())) {
        Optional<List<String>> failure = s.applicationFailure();
        if (failure.isPresent()) {
          LOG.error(
              "The {} server's application did not start:\n  {}",
              s.label(),
              String.join("\n  ", failure.get()));
          return Outcome.FAILED;
        }
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
        return Outcome.READY;
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
    return Outcome.STOPPING;
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
}
