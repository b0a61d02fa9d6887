package org.sitewatch.bench;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
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
import org.sitewatch.common.serde.CheckResultCodec;

/**
 * {@code persister-latency}: a steady rate of checker-shaped results, each sent at its probe end
 * (start + duration = now), and the time until its row is visible in check_result.
 *
 * <p>Visibility is seen from outside by polling for the ids still outstanding: a row found by a
 * query was committed before that query's snapshot, and after the previous one's, so the latency
 * taken at the query's start is high by less than one poll period. The {@code stored_at} column is
 * not used for the headline: its default, now(), is the inserting transaction's start, before the
 * batch is written and committed, so it reads low; it is reported beside as a lower bound.
 */
final class PersisterLatency {

  private static final Logger LOG = Logger.getLogger(PersisterLatency.class.getName());

  private static final Duration TICK = Duration.ofMillis(10);
  private static final Duration POLL = Duration.ofMillis(20);
  private static final Duration DRAIN_TIMEOUT = Duration.ofSeconds(60);

  private static final String FIND =
      "SELECT id, stored_at FROM check_result WHERE started_at >= ? AND id = ANY (?)";

  private final BenchStack stack;
  private final int rate;
  private final Duration length;
  private final Duration warmUp;
  private final int readers;
  private final int siteRows;

  /** Outstanding results: id to probe end in epoch microseconds. */
  private final Map<UUID, Long> pending = new ConcurrentHashMap<>();

  private final AtomicLong sent = new AtomicLong();
  private final AtomicReference<Exception> failure = new AtomicReference<>();
  private long[] latencies = new long[1024];
  private long[] storedAtLatencies = new long[1024];
  private int measured;
  private long measureFrom;

  /**
   * @param readers history API readers running meanwhile ({@link HistoryReaders}), 0 for none
   * @param siteRows site rows seeded before, for the readers to page through
   */
  PersisterLatency(
      BenchStack stack, int rate, Duration length, Duration warmUp, int readers, int siteRows) {
    this.stack = stack;
    this.rate = rate;
    this.length = length;
    this.warmUp = warmUp;
    this.readers = readers;
    this.siteRows = siteRows;
  }

  String run() throws Exception {
    var config = stack.persisterOnly();
    CheckerTraffic traffic = new CheckerTraffic(7, 5_000);
    Instant start = Instant.now();
    measureFrom = micros(start.plus(warmUp));
    Instant sendUntil = start.plus(warmUp).plus(length);
    ScheduledExecutorService sender = Executors.newSingleThreadScheduledExecutor();
    long startNanos = System.nanoTime();
    HistoryReaders history = HistoryReaders.start(stack, readers, siteRows);
    try (history;
        KafkaProducer<String, byte[]> producer = new KafkaProducer<>(config);
        Connection db = stack.database();
        PreparedStatement find = db.prepareStatement(FIND)) {
      // Catching up to rate x elapsed keeps the rate exact whatever the tick jitter.
      sender.scheduleAtFixedRate(
          () -> {
            long due = (System.nanoTime() - startNanos) * rate / 1_000_000_000L;
            while (sent.get() < due) {
              send(producer, traffic.next(Instant.now()));
            }
          },
          0,
          TICK.toMillis(),
          TimeUnit.MILLISECONDS);
      find.setTimestamp(1, Timestamp.from(start.minusSeconds(60)));
      long sendingStoppedAt = 0;
      while (failure.get() == null) {
        if (sendingStoppedAt == 0 && !Instant.now().isBefore(sendUntil)) {
          sender.shutdown();
          sender.awaitTermination(10, TimeUnit.SECONDS);
          producer.flush();
          sendingStoppedAt = System.nanoTime();
          LOG.log(Level.INFO, "Sent {0} results; waiting for the last rows", sent.get());
        }
        if (sendingStoppedAt != 0
            && (pending.isEmpty()
                || System.nanoTime() - sendingStoppedAt > DRAIN_TIMEOUT.toNanos())) {
          break;
        }
        poll(db, find);
        Thread.sleep(POLL.toMillis());
      }
    } finally {
      sender.shutdownNow();
    }
    if (failure.get() != null) {
      throw new IllegalStateException("producing failed", failure.get());
    }
    double achieved = sent.get() / PersisterThroughput.seconds(System.nanoTime() - startNanos);
    Percentiles visible = Percentiles.of(latencies, measured);
    Percentiles storedAt = Percentiles.of(storedAtLatencies, measured);
    return String.format(
            Locale.ROOT,
            "rate=%d sent_per_s=%.0f results=%d p50_ms=%.1f p99_ms=%.1f max_ms=%.1f missing=%d"
                + " stored_at_p50_ms=%.1f stored_at_p99_ms=%.1f",
            rate,
            achieved,
            measured,
            visible.p50() / 1000.0,
            visible.p99() / 1000.0,
            visible.max() / 1000.0,
            pending.size(),
            storedAt.p50() / 1000.0,
            storedAt.p99() / 1000.0)
        + (readers > 0 ? history.summary() : "");
  }

  private void send(KafkaProducer<String, byte[]> producer, CheckResult result) {
    Instant probeEnd = result.startedAt().plus(result.duration());
    pending.put(result.id(), micros(probeEnd));
    sent.incrementAndGet();
    producer.send(
        new ProducerRecord<>(BenchStack.TOPIC, result.siteId(), CheckResultCodec.encode(result)),
        (metadata, e) -> {
          if (e != null) {
            failure.compareAndSet(null, e);
          }
        });
  }

  /** One query for every outstanding id; those found are measured and no longer outstanding. */
  private void poll(Connection db, PreparedStatement find) throws SQLException {
    if (pending.isEmpty()) {
      return;
    }
    UUID[] ids = pending.keySet().toArray(UUID[]::new);
    Array array = db.createArrayOf("uuid", ids);
    long snapshotAt = micros(Instant.now());
    find.setArray(2, array);
    try (ResultSet rs = find.executeQuery()) {
      while (rs.next()) {
        UUID id = rs.getObject(1, UUID.class);
        long storedAt = micros(rs.getTimestamp(2).toInstant());
        Long probeEnd = pending.remove(id);
        if (probeEnd != null && probeEnd >= measureFrom) {
          record(snapshotAt - probeEnd, storedAt - probeEnd);
        }
      }
    } finally {
      array.free();
    }
  }

  private void record(long visibleMicros, long storedAtMicros) {
    if (measured == latencies.length) {
      latencies = Arrays.copyOf(latencies, measured * 2);
      storedAtLatencies = Arrays.copyOf(storedAtLatencies, measured * 2);
    }
    latencies[measured] = visibleMicros;
    storedAtLatencies[measured] = storedAtMicros;
    measured++;
  }

  private static long micros(Instant t) {
    return t.getEpochSecond() * 1_000_000L + t.getNano() / 1_000L;
  }
}
