package org.sitewatch.systemtest;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.sitewatch.common.CheckResult;
import org.sitewatch.common.serde.CheckResultCodec;
import org.sitewatch.common.serde.CheckResultFormatException;

/**
 * The checker stopped while a probe is in flight: its timers stop, the probe finishes, and every
 * result of every probe that started reaches Kafka before the server is gone. The checker is
 * started again afterwards, with its original sites.
 */
class GracefulShutdownIT {

  private static final String SITE = "shutdown-slow";
  private static final Duration ANSWER_AFTER = Duration.ofSeconds(2);

  /**
   * Answers pending when the stop is asked for are held this long after it, so that the server is
   * surely stopping while they are in flight; within the site's 8 s timeout still.
   */
  private static final Duration HOLD_AFTER_STOP = Duration.ofSeconds(4);

  private static final Pattern SITES_FILE = Pattern.compile("\"sitesFile\":\"([^\"]+)\"");
  private static final List<String> SCENARIO_PATHS =
      List.of("/ok", "/no-marker", "/error", "/loop");

  /**
   * A site that answers 200 two seconds after each request (or later, see {@link #holdUntil}), and
   * remembers who asked.
   */
  private static final class SlowSite implements AutoCloseable {
    final Set<String> received = ConcurrentHashMap.newKeySet();
    final Set<String> answered = ConcurrentHashMap.newKeySet();
    private final ScheduledExecutorService later = Executors.newSingleThreadScheduledExecutor();
    private final HttpServer server;
    private volatile Instant holdUntil = Instant.MIN;

    SlowSite() throws IOException {
      server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
      server.setExecutor(Executors.newCachedThreadPool());
      server.createContext("/", this::handle);
      server.start();
    }

    private void handle(HttpExchange exchange) {
      String id = exchange.getRequestHeaders().getFirst(ScenarioTarget.CHECK_ID_HEADER);
      received.add(id);
      later.schedule(() -> answer(exchange, id), ANSWER_AFTER.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** No answer before {@code until}. */
    void holdUntil(Instant until) {
      holdUntil = until;
    }

    private void answer(HttpExchange exchange, String id) {
      long heldFor = Duration.between(Instant.now(), holdUntil).toMillis();
      if (heldFor > 0) {
        later.schedule(() -> answer(exchange, id), heldFor, TimeUnit.MILLISECONDS);
        return;
      }
      byte[] body = "slow but fine".getBytes(StandardCharsets.UTF_8);
      try (exchange) {
        exchange.sendResponseHeaders(200, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
          out.write(body);
        }
        answered.add(id);
      } catch (IOException e) {
        // the checker went away before the answer: its result says so
      }
    }

    /** Probes that reached the site and have not been answered yet. */
    Set<String> inFlight() {
      Set<String> waiting = new HashSet<>(received);
      waiting.removeAll(answered);
      return waiting;
    }

    String url() {
      return "http://127.0.0.1:" + server.getAddress().getPort() + "/slow-2s";
    }

    @Override
    public void close() {
      server.stop(0);
      later.shutdownNow();
    }
  }

  private static Path sitesFile() {
    Matcher m = SITES_FILE.matcher(Stack.get(Stack.checker("/health/ready")).body());
    assertTrue(m.find(), "the checker's readiness data names its sites file");
    return Path.of(m.group(1));
  }

  /** Check ids the scenario target has answered, over the paths whose answers are immediate. */
  private static Set<String> scenarioCheckIds() {
    Set<String> ids = new HashSet<>();
    for (String path : SCENARIO_PATHS) {
      String body = Stack.get(Stack.target("/_checks?path=" + path)).body();
      Arrays.stream(body.split("\n")).filter(s -> !s.isBlank()).forEach(ids::add);
    }
    return ids;
  }

  /** The results on the topic by id; records that are no result (BadDataIT's) are skipped. */
  private static Map<String, CheckResult> resultsOnTheTopic() {
    Map<String, CheckResult> results = new HashMap<>();
    for (ConsumerRecord<String, byte[]> r : Topics.readAll(Topics.RESULTS)) {
      try {
        CheckResult result = CheckResultCodec.decode(r.value());
        results.put(result.id().toString(), result);
      } catch (CheckResultFormatException e) {
        // not a result of any probe
      }
    }
    return results;
  }

  @Test
  void aStoppingCheckerFinishesItsProbesInFlightAndDeliversEveryResult() throws Exception {
    Path file = sitesFile();
    String original = Files.readString(file);
    URI ready = Stack.checker("/health/ready");
    try (SlowSite slow = new SlowSite()) {
      Files.writeString(
          file,
          original
              + "  - id: "
              + SITE
              + "\n    url: "
              + slow.url()
              + "\n    interval: 10s\n    timeout: 8s\n");
      Set<String> before = scenarioCheckIds();
      Set<String> caught = new HashSet<>();
      await("a probe of " + SITE + " is in flight")
          .atMost(Duration.ofSeconds(60))
          .pollInterval(Duration.ofMillis(20))
          .until(() -> caught.addAll(slow.inFlight()));
      try {
        Instant stopAskedAt = Instant.now();
        slow.holdUntil(stopAskedAt.plus(HOLD_AFTER_STOP));
        Stack.control("/servers/checker/stop");
        assertEquals(-1, Stack.status(ready), "the checker is stopped");

        Map<String, CheckResult> results = resultsOnTheTopic();
        assertTrue(!slow.received.isEmpty(), "probes of " + SITE + " must have started");
        for (String id : caught) {
          CheckResult inFlight = results.get(id);
          assertTrue(
              inFlight != null, "the probe in flight at the stop must be on the topic: " + id);
          assertTrue(
              inFlight.outcome().isUp() && inFlight.httpStatus() == 200,
              "the probe in flight must have finished, not been cut: " + inFlight);
          Instant finished = inFlight.startedAt().plus(inFlight.duration());
          assertTrue(
              !finished.isBefore(stopAskedAt.plus(HOLD_AFTER_STOP)),
              "the probe must have finished while the checker was stopping: " + inFlight);
        }
        Set<String> lost = new HashSet<>(slow.received);
        lost.removeAll(results.keySet());
        assertEquals(Set.of(), lost, "probes of " + SITE + " that started but have no result");
        Set<String> answered = scenarioCheckIds();
        answered.removeAll(before);
        assertTrue(!answered.isEmpty(), "the scenario sites must have been probed meanwhile");
        answered.removeAll(results.keySet());
        assertEquals(
            Set.of(), answered, "scenario probes answered but with no result on the topic");
      } finally {
        Files.writeString(file, original);
        Stack.control("/servers/checker/start");
        // Ready again whatever happened above: the next test finds the checker as it was.
        Stack.awaitStatus(ready, 200, Duration.ofSeconds(180));
      }
    } finally {
      Files.writeString(file, original);
    }
  }
}
