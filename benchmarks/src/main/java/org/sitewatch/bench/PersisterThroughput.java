package org.sitewatch.bench;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.postgresql.PGConnection;
import org.sitewatch.common.CheckResult;
import org.sitewatch.common.serde.CheckResultCodec;

/**
 * {@code persister-throughput}: N results waiting on the topic, the persister started on them, the
 * time until their offsets are committed (acknowledged after commit, so stored); then the same rows
 * through COPY into an empty copy of the table, as the speed PostgreSQL itself allows.
 */
final class PersisterThroughput {

  private static final Logger LOG = Logger.getLogger(PersisterThroughput.class.getName());

  private static final Duration POLL = Duration.ofMillis(200);
  private static final Duration DRAIN_TIMEOUT = Duration.ofMinutes(30);

  /**
   * Not partitioned: every row falls into today's (and perhaps yesterday's) partition, so routing
   * adds little; the primary key and the history index are kept (INCLUDING ALL), because the
   * persister maintains both and a COPY without them would measure the indexes, not the persister.
   */
  private static final String CREATE_COPY_TABLE =
      "CREATE TABLE check_result_copy (LIKE check_result INCLUDING ALL)";

  private final BenchStack stack;
  private final int results;
  private final Path workDir;

  PersisterThroughput(BenchStack stack, int results, Path workDir) {
    this.stack = stack;
    this.results = results;
    this.workDir = workDir;
  }

  String run() throws Exception {
    stack.control("servers/checker/stop");
    stack.control("servers/persister/stop");
    Path rows = workDir.resolve("check_result.copy");
    load(rows);

    long end = stack.topicEnd();
    long before = stack.committed();
    LOG.log(
        Level.INFO,
        "Topic end {0}, committed {1}: starting the persister",
        new Object[] {end, before});
    stack.control("servers/persister/start");
    double resultsPerSecond = drain(before, end);
    long stored = countStored();
    if (stored != results) {
      throw new IllegalStateException(results + " results produced but " + stored + " stored");
    }

    double copyRowsPerSecond = copy(rows);
    return String.format(
        Locale.ROOT,
        "results=%d results_per_s=%.0f copy_rows_per_s=%.0f ratio=%.2f",
        results,
        resultsPerSecond,
        copyRowsPerSecond,
        resultsPerSecond / copyRowsPerSecond);
  }

  /** Produces the results while writing the same rows as a COPY file. */
  private void load(Path rows) throws IOException, InterruptedException {
    var config = stack.producerConfig();
    // Throughput settings: large, lingering, compressed batches (the WAR carries lz4-java).
    config.put(ProducerConfig.LINGER_MS_CONFIG, 50);
    config.put(ProducerConfig.BATCH_SIZE_CONFIG, 512 * 1024);
    config.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
    config.put(ProducerConfig.BUFFER_MEMORY_CONFIG, 128L * 1024 * 1024);
    CheckerTraffic traffic = new CheckerTraffic(42, 5_000);
    AtomicReference<Exception> failure = new AtomicReference<>();
    // The results end one per millisecond up to now: the last N seconds of a 1,000/s fleet.
    Instant firstEnd = Instant.now().minusMillis(results);
    long started = System.nanoTime();
    try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(config);
        Writer out =
            new BufferedWriter(Files.newBufferedWriter(rows, StandardCharsets.UTF_8), 1 << 20)) {
      for (int i = 0; i < results && failure.get() == null; i++) {
        CheckResult result = traffic.next(firstEnd.plusMillis(i));
        producer.send(
            new ProducerRecord<>(
                BenchStack.TOPIC, result.siteId(), CheckResultCodec.encode(result)),
            (metadata, e) -> {
              if (e != null) {
                failure.compareAndSet(null, e);
              }
            });
        CopyRows.write(out, result);
      }
      producer.flush();
    }
    if (failure.get() != null) {
      throw new IllegalStateException("producing failed", failure.get());
    }
    LOG.log(
        Level.INFO,
        "Loaded {0} results in {1} s",
        new Object[] {results, seconds(System.nanoTime() - started)});
  }

  /**
   * Results per second from the first committed offsets to the last: the persister's start-up and
   * partition assignment are not its throughput.
   */
  private double drain(long before, long end) throws ExecutionException, InterruptedException {
    long deadline = System.nanoTime() + DRAIN_TIMEOUT.toNanos();
    long firstAt = 0;
    long firstCommitted = 0;
    long lastLog = System.nanoTime();
    while (System.nanoTime() - deadline < 0) {
      long now = System.nanoTime();
      long committed = stack.committed();
      if (firstAt == 0 && committed > before) {
        firstAt = now;
        firstCommitted = committed;
      }
      if (committed >= end) {
        if (now == firstAt) {
          throw new IllegalStateException("everything was stored before the first poll");
        }
        double rate = (committed - firstCommitted) / seconds(now - firstAt);
        LOG.log(
            Level.INFO,
            "Stored {0} results in {1} s after the first commit",
            new Object[] {committed - firstCommitted, seconds(now - firstAt)});
        return rate;
      }
      if (now - lastLog > Duration.ofSeconds(10).toNanos()) {
        LOG.log(
            Level.INFO, "{0} of {1} committed", new Object[] {committed - before, end - before});
        lastLog = now;
      }
      Thread.sleep(POLL.toMillis());
    }
    throw new IllegalStateException(
        "the persister did not store everything within " + DRAIN_TIMEOUT);
  }

  private long countStored() throws SQLException {
    try (Connection db = stack.database();
        Statement st = db.createStatement();
        ResultSet rs =
            st.executeQuery("SELECT count(*) FROM check_result WHERE site_id LIKE 'site-%'")) {
      rs.next();
      return rs.getLong(1);
    }
  }

  /** COPY of the same rows, one statement (one transaction), timed to its commit. */
  private double copy(Path rows) throws SQLException, IOException {
    try (Connection db = stack.database()) {
      try (Statement st = db.createStatement()) {
        st.execute("DROP TABLE IF EXISTS check_result_copy");
        st.execute(CREATE_COPY_TABLE);
      }
      long started = System.nanoTime();
      long copied;
      try (Reader in = Files.newBufferedReader(rows, StandardCharsets.UTF_8)) {
        copied =
            db.unwrap(PGConnection.class)
                .getCopyAPI()
                .copyIn("COPY check_result_copy (" + CopyRows.COLUMNS + ") FROM STDIN", in);
      }
      double elapsed = seconds(System.nanoTime() - started);
      if (copied != results) {
        throw new IllegalStateException("COPY stored " + copied + " rows, expected " + results);
      }
      LOG.log(Level.INFO, "COPY of {0} rows took {1} s", new Object[] {copied, elapsed});
      return copied / elapsed;
    }
  }

  static double seconds(long nanos) {
    return nanos / 1e9;
  }
}
