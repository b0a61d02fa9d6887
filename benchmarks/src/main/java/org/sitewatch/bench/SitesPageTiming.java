package org.sitewatch.bench;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Locale;
import java.util.Random;

/**
 * Times {@code GET /api/sites?limit=N&days=90}, the status page's request, one at a time from
 * random places in the seeded site ids (each page a full one).
 */
final class SitesPageTiming {

  private final BenchStack stack;
  private final int sites;
  private final Random random = new Random(11);
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  /**
   * @param sites the seeded sites, ids {@code site-000001} on
   */
  SitesPageTiming(BenchStack stack, int sites) {
    this.stack = stack;
    this.sites = sites;
  }

  /** {@code warmUp} requests unmeasured, then {@code requests} measured, in microseconds. */
  Percentiles time(int limit, int warmUp, int requests) throws IOException, InterruptedException {
    for (int i = 0; i < warmUp; i++) {
      get(limit);
    }
    long[] micros = new long[requests];
    for (int i = 0; i < requests; i++) {
      long start = System.nanoTime();
      get(limit);
      micros[i] = (System.nanoTime() - start) / 1_000;
    }
    return Percentiles.of(micros, requests);
  }

  private void get(int limit) throws IOException, InterruptedException {
    int from = random.nextInt(Math.max(1, sites - limit + 1));
    String path =
        "/api/sites?limit="
            + limit
            + "&days=90"
            + (from == 0 ? "" : String.format(Locale.ROOT, "&after=site-%06d", from));
    HttpResponse<Void> response =
        http.send(
            HttpRequest.newBuilder(stack.persister(path))
                .timeout(Duration.ofSeconds(30))
                .GET()
                .build(),
            HttpResponse.BodyHandlers.discarding());
    if (response.statusCode() != 200) {
      throw new IllegalStateException(path + " answered " + response.statusCode());
    }
  }
}
