package org.sitewatch.systemtest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.sitewatch.common.CheckResult;
import org.sitewatch.common.catalog.AlertChannel;
import org.sitewatch.common.catalog.AlertPolicy;
import org.sitewatch.common.catalog.MaintenanceWindow;

/**
 * The persister decides each site's alert state in the transaction that stores its results: an
 * incident per DOWN period, one outbox row per notification and channel, none for a result
 * delivered twice, and none that a maintenance window silences. Results and the catalogue are sent
 * to Kafka as the checker would; the sites are this test's own.
 */
class AlertDecisionIT {

  private static final ObjectMapper JSON = new ObjectMapper();

  private static final String PREFIX =
      AlertFeed.SITE_PREFIX + UUID.randomUUID().toString().substring(0, 8) + "-";

  private static final String PATH = "/" + PREFIX + "hook";

  private static WebhookReceiver receiver;

  private static AlertChannel hook;

  @BeforeAll
  static void startReceiver() throws Exception {
    receiver = WebhookReceiver.start();
    hook = AlertFeed.webhook("it-hook", receiver.url(PATH));
  }

  @AfterAll
  static void stopReceiver() {
    receiver.close();
  }

  @Test
  void aDownPeriodIsOneIncidentToldOnceWhenItOpensAndOnceWhenItEnds() throws Exception {
    String site = PREFIX + "shop";
    AlertFeed.define(site, new AlertPolicy(List.of(hook), 2, 2, true, Optional.empty()), List.of());
    Instant start = Instant.now().minusSeconds(60).truncatedTo(ChronoUnit.MILLIS);
    List<CheckResult> results = new ArrayList<>();
    String[] statuses = {"UP", "DOWN", "DOWN", "DOWN", "UP", "UP"};
    for (int i = 0; i < statuses.length; i++) {
      results.add(AlertFeed.result(site, start.plusSeconds(i), statuses[i].equals("UP")));
    }
    for (CheckResult result : results) {
      AlertFeed.send(result);
    }
    // Delivered again, as after a crash before the offset commit: decided on once.
    AlertFeed.send(results.get(2));
    AlertFeed.awaitStored(site, statuses.length);

    List<Map<String, Object>> incidents =
        AlertFeed.rows(
            "SELECT id, opened_at, resolved_at, first_reason, results_seen FROM incident"
                + " WHERE site_id = ?",
            site);
    assertEquals(1, incidents.size(), incidents.toString());
    Map<String, Object> incident = incidents.get(0);
    assertEquals(start.plusSeconds(1), instant(incident.get("opened_at")));
    assertEquals(start.plusSeconds(4), instant(incident.get("resolved_at")));
    assertEquals("TIMEOUT", incident.get("first_reason"));
    assertEquals(5, incident.get("results_seen"));

    long id = (Long) incident.get("id");
    assertEquals(
        List.of(id + "-DOWN it-hook", id + "-RESOLVED it-hook"),
        AlertFeed.rows(
                "SELECT idempotency_key, channel FROM notification WHERE site_id = ? ORDER BY id",
                site)
            .stream()
            .map(row -> row.get("idempotency_key") + " " + row.get("channel"))
            .toList());
    JsonNode notice =
        JSON.readTree(
            (String)
                AlertFeed.rows(
                        "SELECT notice::text AS notice FROM notification WHERE kind = 'DOWN'"
                            + " AND site_id = ?",
                        site)
                    .get(0)
                    .get("notice"));
    assertEquals("Shop " + site, notice.get("siteName").asText());
    assertEquals(start.plusSeconds(2).toString(), notice.get("resultAt").asText());
    assertEquals("TIMEOUT", notice.get("reason").asText());

    JsonNode listed = json("/api/incidents?site=" + site);
    assertEquals(1, listed.size());
    assertEquals(id, listed.get(0).get("id").asLong());
    assertEquals(false, listed.get(0).get("open").asBoolean());
    assertEquals(5, listed.get(0).get("resultsSeen").asInt());
    assertEquals(1, json("/api/sites/" + site + "/incidents?open=false").size());
    assertEquals(0, json("/api/incidents?open=true&site=" + site).size());
    JsonNode shown = json("/api/sites?q=" + site).get(0);
    assertEquals("Shop " + site, shown.get("name").asText());
    assertEquals("UP", shown.get("alert").get("state").asText());
    assertEquals(start.plusSeconds(4).toString(), shown.get("alert").get("since").asText());

    receiver.awaitDelivered(PATH, 2, Duration.ofSeconds(30));
    assertEquals(List.of(id + "-DOWN", id + "-RESOLVED"), receiver.deliveredKeys(PATH));
  }

  @Test
  void aSiteTheCatalogueDoesNotNameHasIncidentsButNobodyIsTold() throws Exception {
    String site = PREFIX + "unnamed";
    Instant start = Instant.now().minusSeconds(30).truncatedTo(ChronoUnit.MILLIS);
    for (int i = 0; i < 3; i++) {
      AlertFeed.send(AlertFeed.result(site, start.plusSeconds(i), false));
    }
    AlertFeed.awaitStored(site, 3);
    assertEquals(1, AlertFeed.rows("SELECT id FROM incident WHERE site_id = ?", site).size());
    assertEquals(0, AlertFeed.rows("SELECT id FROM notification WHERE site_id = ?", site).size());
    JsonNode open = json("/api/incidents?open=true&site=" + site);
    assertEquals(1, open.size());
    assertEquals(site, open.get(0).get("siteName").asText());
  }

  @Test
  void aMaintenanceWindowHoldsTheDownUntilItsEndAndAnEndWithinItSilencesBoth() throws Exception {
    String held = PREFIX + "held";
    String silenced = PREFIX + "silenced";
    Instant windowStart =
        Instant.now().minus(Duration.ofMinutes(5)).truncatedTo(ChronoUnit.SECONDS);
    MaintenanceWindow window =
        new MaintenanceWindow(windowStart, Duration.ofHours(1), Optional.empty());
    AlertPolicy policy = new AlertPolicy(List.of(hook), 1, 1, true, Optional.empty());
    AlertFeed.define(held, policy, List.of(window));
    AlertFeed.define(silenced, policy, List.of(window));
    Instant start = Instant.now().minusSeconds(30).truncatedTo(ChronoUnit.MILLIS);

    AlertFeed.send(AlertFeed.result(held, start, false));
    AlertFeed.awaitStored(held, 1);
    List<Map<String, Object>> outbox =
        AlertFeed.rows("SELECT kind, next_attempt_at FROM notification WHERE site_id = ?", held);
    assertEquals(1, outbox.size(), outbox.toString());
    assertEquals(
        windowStart.plus(Duration.ofHours(1)), instant(outbox.get(0).get("next_attempt_at")));

    AlertFeed.send(AlertFeed.result(silenced, start, false));
    AlertFeed.awaitStored(silenced, 1);
    AlertFeed.send(AlertFeed.result(silenced, start.plusSeconds(1), true));
    AlertFeed.awaitStored(silenced, 2);
    assertEquals(
        List.of("DOWN SUPPRESSED"),
        AlertFeed.rows(
                "SELECT kind, status FROM notification WHERE site_id = ? ORDER BY id", silenced)
            .stream()
            .map(row -> row.get("kind") + " " + row.get("status"))
            .toList());
  }

  @Test
  void anOpenIncidentIsRemindedEveryPeriodInProbeTime() throws Exception {
    String site = PREFIX + "reminded";
    String path = "/" + site;
    AlertFeed.define(
        site,
        new AlertPolicy(
            List.of(AlertFeed.webhook("it-remind", receiver.url(path))),
            1,
            1,
            true,
            Optional.of(Duration.ofMinutes(1))),
        List.of());
    Instant start = Instant.now().minus(Duration.ofMinutes(5)).truncatedTo(ChronoUnit.MILLIS);
    for (int seconds : new int[] {0, 30, 61, 90, 125}) {
      AlertFeed.send(AlertFeed.result(site, start.plusSeconds(seconds), false));
    }
    AlertFeed.awaitStored(site, 5);
    long id =
        (Long) AlertFeed.rows("SELECT id FROM incident WHERE site_id = ?", site).get(0).get("id");
    receiver.awaitDelivered(path, 3, Duration.ofSeconds(30));
    assertEquals(
        List.of(id + "-DOWN", id + "-REMINDER-1", id + "-REMINDER-2"),
        receiver.deliveredKeys(path));
  }

  @Test
  void theEndOfAWindowReleasesTheDownItHeldOnce() throws Exception {
    String site = PREFIX + "released";
    String path = "/" + site;
    Instant end = Instant.now().plusSeconds(8).truncatedTo(ChronoUnit.SECONDS);
    Instant windowStart = end.minus(Duration.ofMinutes(2));
    AlertFeed.define(
        site,
        new AlertPolicy(
            List.of(AlertFeed.webhook("it-release", receiver.url(path))),
            1,
            1,
            true,
            Optional.empty()),
        List.of(new MaintenanceWindow(windowStart, Duration.ofMinutes(2), Optional.empty())));
    AlertFeed.send(AlertFeed.result(site, Instant.now().minusSeconds(1), false));
    AlertFeed.awaitStored(site, 1);
    assertEquals(List.of(), receiver.deliveredKeys(path), "nothing within the window");
    List<WebhookReceiver.Request> released =
        receiver.awaitDelivered(path, 1, Duration.ofSeconds(40));
    assertTrue(
        !released.get(0).at().isBefore(end.minusMillis(500)),
        "sent at the window's end " + end + ", not before: " + released.get(0).at());
    Awaitility.await("no second delivery")
        .during(Duration.ofSeconds(2))
        .atMost(Duration.ofSeconds(3))
        .until(() -> receiver.deliveredKeys(path).size() == 1);
    assertTrue(receiver.deliveredKeys(path).get(0).endsWith("-DOWN"));
    assertTrue(
        AlertFeed.rows("SELECT maintenance FROM check_result WHERE site_id = ?", site).stream()
            .allMatch(row -> Boolean.TRUE.equals(row.get("maintenance"))),
        "its result is marked as taken in maintenance");
  }

  @Test
  void aChannelWhoseSecretThisServerLacksShowsOnReadinessAsSoonAsItIsNamed() throws Exception {
    String site = PREFIX + "unsigned";
    AlertChannel unset =
        new AlertChannel(
            "it-unset-secret",
            AlertChannel.Type.WEBHOOK,
            Optional.of(receiver.url(PATH).toString()),
            Optional.empty(),
            Optional.of("ST_NO_SUCH_SECRET"),
            List.of());
    AlertFeed.define(
        site, new AlertPolicy(List.of(unset), 1, 1, true, Optional.empty()), List.of());
    HttpResponse<String> ready = Stack.get(Stack.persister("/health/ready"));
    assertEquals(200, ready.statusCode(), "results are still stored: " + ready.body());
    boolean shown = false;
    for (JsonNode check : JSON.readTree(ready.body()).get("checks")) {
      JsonNode problem = check.path("data").path("notificationChannelSettings.it-unset-secret");
      shown |= problem.asText().contains("ST_NO_SUCH_SECRET is not set on this server");
    }
    assertTrue(shown, ready.body());
  }

  private static Instant instant(Object timestamp) {
    return ((Timestamp) timestamp).toInstant();
  }

  private static JsonNode json(String path) throws Exception {
    HttpResponse<String> response = Stack.get(Stack.persister(path));
    assertEquals(200, response.statusCode(), path + ": " + response.body());
    JsonNode body = JSON.readTree(response.body());
    assertTrue(body.isArray() || body.isObject(), body.toString());
    return body;
  }
}
