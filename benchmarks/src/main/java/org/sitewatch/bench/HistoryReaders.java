package org.sitewatch.bench;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * People reading the history API while results arrive: {@code readers} threads, each asking for a
 * page of 1,000 sites from a random place and then one seeded site's results, back to back, over
 * {@code siteRows} seeded site rows. Counts answers that were not 200 and the writer's failures
 * seen on the persister's readiness.
 */
final class HistoryReaders implements AutoCloseable {

  private static final String SEED =
      """
      INSERT INTO site (site_id, url, last_result_id, last_checked_at, last_status,
                        last_duration_us)
      SELECT 'seed-' || lpad(g::text, 6, '0'), 'https://seed-' || g || '.example/',
             gen_random_uuid(), now(), 'UP', 1000
      FROM generate_series(1, ?) AS g
      ON CONFLICT DO NOTHING""";

  private final BenchStack stack;
  private final int siteRows;
  private final List<Thread> threads = new ArrayList<>();
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
  private final AtomicLong reads = new AtomicLong();
  private final AtomicLong errors = new AtomicLong();
  private final AtomicLong writeFailuresSeen = new AtomicLong();
  private final List<long[]> latencies = new ArrayList<>();
  private volatile boolean running = true;

  private HistoryReaders(BenchStack stack, int siteRows) {
    this.stack = stack;
    this.siteRows = siteRows;
  }

  /** Seeds the site rows and starts the readers; none when {@code readers} is 0. */
  static HistoryReaders start(BenchStack stack, int readers, int siteRows) throws SQLException {
    HistoryReaders history = new HistoryReaders(stack, siteRows);
    if (siteRows > 0) {
      try (Connection db = stack.database();
          PreparedStatement seed = db.prepareStatement(SEED)) {
        seed.setInt(1, siteRows);
        seed.executeUpdate();
      }
    }
    for (int i = 0; i < readers; i++) {
      long[] own = new long[1 << 16];
      history.latencies.add(own);
      history.start(() -> history.read(own));
    }
    if (readers > 0) {
      history.start(history::watchWriter);
    }
    return history;
  }

  private void start(Runnable loop) {
    Thread thread = new Thread(loop, "history-reader");
    thread.setDaemon(true);
    threads.add(thread);
    thread.start();
  }

  private void read(long[] own) {
    int n = 0;
    while (running) {
      int from = ThreadLocalRandom.current().nextInt(Math.max(1, siteRows));
      String site = String.format(Locale.ROOT, "seed-%06d", from + 1);
      for (String path :
          List.of(
              "/api/sites?limit=1000&after=" + site, "/api/sites/" + site + "/results?limit=100")) {
        long start = System.nanoTime();
        int status = get(path);
        long micros = (System.nanoTime() - start) / 1_000;
        reads.incrementAndGet();
        if (status != 200 && !(status == 404 && siteRows == 0)) {
          errors.incrementAndGet();
        }
        if (n < own.length) {
          own[n++] = micros;
        }
      }
    }
  }

  /**
   * The writer's failures are on readiness (lastStoreError) while they last: sampled every 0.5 s.
   */
  private void watchWriter() {
    while (running) {
      HttpResponse<String> ready = getBody("/health/ready");
      if (ready != null && ready.body().contains("lastStoreError")) {
        writeFailuresSeen.incrementAndGet();
      }
      try {
        Thread.sleep(500);
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  private int get(String path) {
    HttpResponse<String> response = getBody(path);
    return response == null ? -1 : response.statusCode();
  }

  private HttpResponse<String> getBody(String path) {
    try {
      return http.send(
          HttpRequest.newBuilder(stack.persister(path))
              .timeout(Duration.ofSeconds(30))
              .GET()
              .build(),
          HttpResponse.BodyHandlers.ofString());
    } catch (java.io.IOException e) {
      return null;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return null;
    }
  }

  /** {@code readers=… site_rows=… reads=… read_p50_ms=… read_p99_ms=… read_errors=… …}. */
  String summary() {
    long[] all =
        latencies.stream().flatMapToLong(a -> Arrays.stream(a).filter(v -> v > 0)).toArray();
    Percentiles p = Percentiles.of(all, all.length);
    return String.format(
        Locale.ROOT,
        " readers=%d site_rows=%d reads=%d read_p50_ms=%.1f read_p99_ms=%.1f read_errors=%d"
            + " write_failures_seen=%d",
        latencies.size(),
        siteRows,
        reads.get(),
        p.p50() / 1000.0,
        p.p99() / 1000.0,
        errors.get(),
        writeFailuresSeen.get());
  }

  @Override
  public void close() throws InterruptedException {
    running = false;
    for (Thread thread : threads) {
      thread.interrupt();
      thread.join(35_000);
    }
  }
}
