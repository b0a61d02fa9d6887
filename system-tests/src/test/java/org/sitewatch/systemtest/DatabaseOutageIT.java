package org.sitewatch.systemtest;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * PostgreSQL stopped for 30 s under a 100,000-result backlog: the persister reports not ready the
 * whole time, keeps running, and once the database is back stores every result exactly once and
 * answers history reads at once, not from connections the restart broke.
 */
class DatabaseOutageIT {

  private static final Duration OUTAGE = Duration.ofSeconds(30);

  @Test
  void everyResultIsStoredOnceAcrossADatabaseOutage() throws Exception {
    URI ready = Stack.persister("/health/ready");
    URI sites = Stack.persister("/api/sites?limit=1");
    assertEquals(200, Stack.status(sites), "a history read before the outage pools a connection");
    Flood flood = Flood.send("dbdown");
    flood.awaitStored(5_000, Duration.ofSeconds(60));
    Stack.control("/postgres/stop");
    try {
      Stack.awaitStatus(ready, 503, Duration.ofSeconds(30));
      double pending = Stack.metric(Stack.persister("/metrics"), "sitewatch_results_pending");
      assertTrue(
          pending > 0, "the outage hit results in flight, sitewatch_results_pending " + pending);
      await("readiness stays DOWN while PostgreSQL is down")
          .during(OUTAGE)
          .atMost(OUTAGE.plusSeconds(10))
          .pollInterval(Duration.ofSeconds(1))
          .until(() -> Stack.status(ready) == 503);
    } finally {
      Stack.control("/postgres/start");
    }
    Stack.awaitStatus(ready, 200, Duration.ofSeconds(90));
    var firstRead = Stack.get(sites);
    assertEquals(200, firstRead.statusCode(), "the first history read after: " + firstRead.body());
    flood.assertStoredExactlyOnce(Duration.ofSeconds(120));
  }
}
