package org.sitewatch.systemtest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.sitewatch.common.catalog.AlertPolicy;

/**
 * A persister SIGKILLed right after the batch that opened an incident committed: the DOWN it
 * decided is sent after the restart, once or, if the kill cut a send short, twice; never lost.
 */
class AlertCrashIT {

  @Test
  void aDownDecidedBeforeAKillIsToldAfterTheRestart() throws Exception {
    String site = AlertFeed.SITE_PREFIX + "crash-" + UUID.randomUUID().toString().substring(0, 8);
    String path = "/" + site;
    try (WebhookReceiver receiver = WebhookReceiver.start()) {
      AlertFeed.define(
          site,
          new AlertPolicy(
              List.of(AlertFeed.webhook("crash-hook", receiver.url(path))),
              1,
              1,
              true,
              Optional.empty()),
          List.of());
      // Refused until the restart, so the DOWN is still in the outbox when the persister dies.
      receiver.answer(503);
      Instant start = Instant.now().minusSeconds(20).truncatedTo(ChronoUnit.MILLIS);
      AlertFeed.send(AlertFeed.result(site, start, false));
      Awaitility.await("the DOWN in the outbox")
          .atMost(Duration.ofSeconds(30))
          .pollInterval(Duration.ofMillis(20))
          .until(
              () ->
                  !AlertFeed.rows("SELECT 1 FROM notification WHERE site_id = ?", site).isEmpty());
      Stack.control("/servers/persister/kill");
      try {
        receiver.answer(200);
      } finally {
        Stack.control("/servers/persister/start");
      }
      Stack.awaitStatus(Stack.persister("/health/ready"), 200, Duration.ofSeconds(90));

      // A claim the kill left behind holds the row until its lease ends.
      receiver.awaitDelivered(path, 1, Duration.ofMinutes(3));
      AlertFeed.send(AlertFeed.result(site, start.plusSeconds(1), true));
      Awaitility.await("the RESOLVED delivered")
          .atMost(Duration.ofSeconds(60))
          .until(
              () -> receiver.deliveredKeys(path).stream().anyMatch(k -> k.endsWith("-RESOLVED")));

      List<Map<String, Object>> incidents =
          AlertFeed.rows("SELECT id FROM incident WHERE site_id = ?", site);
      assertEquals(1, incidents.size(), "one incident: " + incidents);
      long id = (Long) incidents.get(0).get("id");
      List<String> keys = receiver.deliveredKeys(path);
      int downs = Collections.frequency(keys, id + "-DOWN");
      assertTrue(downs >= 1 && downs <= 2, "the DOWN received once or twice: " + keys);
      assertEquals(1, Collections.frequency(keys, id + "-RESOLVED"), keys.toString());
      assertTrue(
          keys.stream().allMatch(k -> k.equals(id + "-DOWN") || k.equals(id + "-RESOLVED")),
          "no other key: " + keys);
      assertEquals(id + "-DOWN", keys.get(0), "the DOWN first: " + keys);
    }
  }
}
