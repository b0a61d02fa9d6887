package org.sitewatch.systemtest;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

/**
 * Both servers' /metrics, scraped while the scenario sites run: the counters move with what the
 * scenarios do, histograms have buckets, and the counts readiness carried before live here.
 */
public class MetricsIT {

  private static final Duration A_FEW_INTERVALS = Duration.ofSeconds(30);

  private static final URI CHECKER = Stack.checker("/metrics");
  private static final URI PERSISTER = Stack.persister("/metrics");

  @Test
  void checkerCountsProbesByOutcomeAndReason() throws Exception {
    double refused = probes("DOWN", "CONNECTION_REFUSED");
    double serverErrors = probes("DOWN", "HTTP_STATUS");
    double up = probes("UP", "none");
    await("probes of closed-port (refused), server-error (5xx) and ok-plain (UP) are counted")
        .atMost(A_FEW_INTERVALS)
        .pollInterval(Duration.ofSeconds(1))
        .until(
            () ->
                probes("DOWN", "CONNECTION_REFUSED") > Math.max(0, refused)
                    && probes("DOWN", "HTTP_STATUS") > Math.max(0, serverErrors)
                    && probes("UP", "none") > Math.max(0, up));
    assertEquals(
        ScenarioSites.count(ScenarioSites.text()),
        Stack.metric(CHECKER, "sitewatch_sites_scheduled"),
        "every scenario site is scheduled");
    assertHistogram(CHECKER, "sitewatch_probe_duration_seconds");
    assertHistogram(CHECKER, "sitewatch_probe_start_lag_seconds");
    assertTrue(Stack.metric(CHECKER, "sitewatch_results_delivered") > 0, "results reach Kafka");
    assertEquals(-1, Stack.metric(CHECKER, "probe_success"), "no per-site series unless opted in");
    await("the scenario's expired certificate (tls-expired) is the earliest expiry")
        .atMost(A_FEW_INTERVALS)
        .pollInterval(Duration.ofSeconds(1))
        .until(
            () -> {
              double expiry = Stack.metric(CHECKER, "sitewatch_tls_earliest_cert_expiry_seconds");
              return expiry > 0 && expiry < Instant.now().getEpochSecond();
            });
    assertFalse(
        Stack.get(Stack.checker("/health/ready")).body().contains("resultsDelivered"),
        "readiness no longer carries the counts");
  }

  @Test
  void persisterCountsStoredResultsAndDeadLettersByCause() throws Exception {
    double stored = Stack.metric(PERSISTER, "sitewatch_results_stored_total");
    await("the scenario results are stored and counted")
        .atMost(A_FEW_INTERVALS)
        .pollInterval(Duration.ofSeconds(1))
        .until(() -> Stack.metric(PERSISTER, "sitewatch_results_stored_total") > stored);
    assertTrue(
        Stack.metric(PERSISTER, "sitewatch_maintenance_last_success_seconds") > 0,
        "partition and rollup maintenance ran at start");
    assertTrue(
        Stack.metric(PERSISTER, "sitewatch_rollups_deleted", "granularity", "hour") >= 0
            && Stack.metric(PERSISTER, "sitewatch_rollups_deleted", "granularity", "day") >= 0,
        "rollup rows deleted past retention are counted by granularity");
    assertHistogram(PERSISTER, "sitewatch_batch_size");
    assertHistogram(PERSISTER, "sitewatch_commit_duration_seconds");
    // Measured every 5 s: right after another persister left the group, the series comes back.
    await("the lag of this server's partitions is shown per partition (the only persister has 0)")
        .atMost(A_FEW_INTERVALS)
        .pollInterval(Duration.ofSeconds(1))
        .until(
            () -> Stack.metric(PERSISTER, "sitewatch_consumer_lag_records", "partition", "0") >= 0);

    double undecodable = deadLetters("undecodable");
    Topics.send(
        new ProducerRecord<>(
            Topics.RESULTS,
            "metrics-it-garbage",
            "not a check result".getBytes(StandardCharsets.UTF_8)));
    await("the malformed record's dead letter is counted as undecodable")
        .atMost(A_FEW_INTERVALS)
        .pollInterval(Duration.ofSeconds(1))
        .until(() -> deadLetters("undecodable") >= Math.max(0, undecodable) + 1);
    assertFalse(
        Stack.get(Stack.persister("/health/ready")).body().contains("storedResults"),
        "readiness no longer carries the counts");
  }

  /** Buckets reach Prometheus only where mp.metrics.distribution configures them. */
  private static void assertHistogram(URI metrics, String name) {
    assertTrue(
        Stack.metric(metrics, name + "_bucket", "le", "+Inf") > 0,
        name + " is a histogram with buckets and observations");
  }

  private static double probes(String outcome, String reason) {
    return Stack.metric(CHECKER, "sitewatch_probes_total", "outcome", outcome, "reason", reason);
  }

  private static double deadLetters(String cause) {
    return Stack.metric(PERSISTER, "sitewatch_dead_letters_total", "cause", cause);
  }
}
