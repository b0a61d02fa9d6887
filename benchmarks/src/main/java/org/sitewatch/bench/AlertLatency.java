package org.sitewatch.bench;

import com.sun.net.httpserver.HttpServer;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.sitewatch.common.CheckResult;
import org.sitewatch.common.Outcome;
import org.sitewatch.common.Reason;
import org.sitewatch.common.ResultIds;
import org.sitewatch.common.catalog.AlertChannel;
import org.sitewatch.common.catalog.AlertPolicy;
import org.sitewatch.common.catalog.SiteDefinition;
import org.sitewatch.common.catalog.SiteDefinitionCodec;
import org.sitewatch.common.serde.CheckResultCodec;

/**
 * {@code alert-latency}: {@code sites} sites with a webhook channel and {@code failureThreshold:
 * 1}, each probed every 10 s, among checker-shaped traffic of {@code rate} results/s in all. After
 * the warm-up, {@code flipped} of them turn DOWN at once; each one's latency runs from the end of
 * its deciding probe (start + duration) to a loopback webhook receiving a DOWN that names it.
 */
final class AlertLatency {

  private static final Logger LOG = Logger.getLogger(AlertLatency.class.getName());

  private static final Duration INTERVAL = Duration.ofSeconds(10);
  private static final Duration TICK = Duration.ofMillis(10);
  private static final Duration RECEIVE_TIMEOUT = Duration.ofSeconds(60);
  private static final String PREFIX = "alert-bench-";

  private final BenchStack stack;
  private final int sites;
  private final int rate;
  private final int flipped;
  private final Duration warmUp;

  /** Flipped site to its deciding probe's end, in epoch microseconds. */
  private final Map<String, Long> decidedAt = new ConcurrentHashMap<>();

  /** Flipped site to the latency of the first DOWN naming it, in microseconds. */
  private final Map<String, Long> latencies = new ConcurrentHashMap<>();

  private final AtomicLong messages = new AtomicLong();
  private final AtomicLong sent = new AtomicLong();
  private final AtomicReference<Exception> failure = new AtomicReference<>();
  private volatile boolean down;

  AlertLatency(BenchStack stack, int sites, int rate, int flipped, Duration warmUp) {
    this.stack = stack;
    this.sites = sites;
    this.rate = rate;
    this.flipped = flipped;
    this.warmUp = warmUp;
  }

  String run() throws Exception {
    var config = stack.persisterOnly();
    HttpServer receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    receiver.createContext(
        "/hook",
        exchange -> {
          long arrived = micros(Instant.now());
          try (InputStream body = exchange.getRequestBody()) {
            record(body, arrived);
          }
          exchange.sendResponseHeaders(204, -1);
          exchange.close();
        });
    ExecutorService receiving = Executors.newFixedThreadPool(4);
    receiver.setExecutor(receiving);
    receiver.start();
    ScheduledExecutorService sender = Executors.newSingleThreadScheduledExecutor();
    try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(config)) {
      define(producer, "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook");
      CheckerTraffic background = new CheckerTraffic(11, 5_000);
      int backgroundRate = Math.max(0, rate - (int) (sites / INTERVAL.toSeconds()));
      long startNanos = System.nanoTime();
      AtomicLong backgroundSent = new AtomicLong();
      long[] nextProbe = new long[sites];
      for (int i = 0; i < sites; i++) {
        nextProbe[i] = startNanos + INTERVAL.toNanos() * i / sites;
      }
      sender.scheduleAtFixedRate(
          () -> {
            long now = System.nanoTime();
            long due = (now - startNanos) * backgroundRate / 1_000_000_000L;
            while (backgroundSent.get() < due) {
              send(producer, background.next(Instant.now()));
              backgroundSent.incrementAndGet();
            }
            for (int i = 0; i < sites; i++) {
              if (nextProbe[i] <= now) {
                nextProbe[i] += INTERVAL.toNanos();
                send(producer, result(i, down && i < flipped));
              }
            }
          },
          0,
          TICK.toMillis(),
          TimeUnit.MILLISECONDS);
      Thread.sleep(warmUp.toMillis());
      flip(producer);
      long deadline = System.nanoTime() + RECEIVE_TIMEOUT.toNanos();
      while (latencies.size() < flipped && System.nanoTime() < deadline && failure.get() == null) {
        Thread.sleep(20);
      }
    } finally {
      sender.shutdownNow();
      receiver.stop(0);
      // Its threads are not daemons: left running, they would keep the benchmark from exiting.
      receiving.shutdownNow();
    }
    if (failure.get() != null) {
      throw new IllegalStateException("producing failed", failure.get());
    }
    long[] measured = latencies.values().stream().mapToLong(Long::longValue).toArray();
    Arrays.sort(measured);
    Percentiles p = Percentiles.of(measured, measured.length);
    return String.format(
        Locale.ROOT,
        "sites=%d rate=%d flipped=%d received=%d messages=%d p50_ms=%.1f p99_ms=%.1f max_ms=%.1f",
        sites,
        rate,
        flipped,
        measured.length,
        messages.get(),
        p.p50() / 1000.0,
        p.p99() / 1000.0,
        p.max() / 1000.0);
  }

  /** Publishes the sites' definitions and waits until the persister has stored them all. */
  private void define(KafkaProducer<String, byte[]> producer, String hook) throws Exception {
    AlertChannel channel =
        new AlertChannel(
            "bench-hook",
            AlertChannel.Type.WEBHOOK,
            Optional.of(hook),
            Optional.empty(),
            Optional.empty(),
            List.of());
    AlertPolicy policy = new AlertPolicy(List.of(channel), 1, 1, true, Optional.empty());
    Instant definedFrom = Instant.now();
    for (int i = 0; i < sites; i++) {
      SiteDefinition site =
          new SiteDefinition(
              siteId(i), "Bench " + i, url(i), Map.of(), INTERVAL, policy, List.of());
      producer.send(
          new ProducerRecord<>("sitewatch.sites", site.id(), SiteDefinitionCodec.encode(site)));
    }
    producer.flush();
    try (Connection db = stack.database();
        PreparedStatement count =
            db.prepareStatement(
                "SELECT count(*) FROM site_definition WHERE site_id LIKE ? AND updated_at >= ?")) {
      count.setString(1, PREFIX + "%");
      count.setTimestamp(2, Timestamp.from(definedFrom));
      long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
      while (true) {
        try (ResultSet row = count.executeQuery()) {
          row.next();
          if (row.getLong(1) == sites) {
            return;
          }
        }
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException("the catalogue was not stored within 2 minutes");
        }
        Thread.sleep(200);
      }
    }
  }

  /** The flipped sites' next results are DOWN, and each sends one now: an outage at once. */
  private void flip(KafkaProducer<String, byte[]> producer) {
    LOG.log(Level.INFO, "Turning {0} sites DOWN at once", flipped);
    down = true;
    for (int i = 0; i < flipped; i++) {
      CheckResult result = result(i, true);
      decidedAt.putIfAbsent(result.siteId(), micros(result.startedAt().plus(result.duration())));
      send(producer, result);
    }
    producer.flush();
  }

  private void record(InputStream body, long arrived) throws IOException {
    messages.incrementAndGet();
    JsonObject json;
    try (JsonReader reader = Json.createReader(body)) {
      json = reader.readObject();
    }
    for (JsonObject notification :
        json.getJsonArray("notifications").getValuesAs(JsonObject.class)) {
      String site = notification.getJsonObject("site").getString("id");
      Long decided = decidedAt.get(site);
      if ("DOWN".equals(notification.getString("kind")) && decided != null) {
        latencies.putIfAbsent(site, arrived - decided);
      }
    }
  }

  private CheckResult result(int site, boolean isDown) {
    Instant end = Instant.now();
    Duration duration = Duration.ofMillis(isDown ? 3 : 40);
    Instant start = end.minus(duration);
    return new CheckResult(
        ResultIds.next(start),
        siteId(site),
        url(site),
        start,
        duration,
        isDown ? 503 : 200,
        null,
        isDown ? Outcome.down(Reason.HTTP_STATUS, "HTTP 503, expected 200-399") : Outcome.up(),
        1,
        null,
        Map.of(),
        start);
  }

  private void send(KafkaProducer<String, byte[]> producer, CheckResult result) {
    sent.incrementAndGet();
    producer.send(
        new ProducerRecord<>(BenchStack.TOPIC, result.siteId(), CheckResultCodec.encode(result)),
        (metadata, e) -> {
          if (e != null) {
            failure.compareAndSet(null, e);
          }
        });
  }

  private static String siteId(int i) {
    return String.format("%s%04d", PREFIX, i);
  }

  private static String url(int i) {
    return "https://" + siteId(i) + ".example.net/";
  }

  private static long micros(Instant t) {
    return t.getEpochSecond() * 1_000_000L + t.getNano() / 1_000L;
  }
}
