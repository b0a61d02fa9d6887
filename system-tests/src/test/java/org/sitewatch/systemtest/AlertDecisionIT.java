package org.sitewatch.systemtest;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.sitewatch.common.CheckResult;
import org.sitewatch.common.Outcome;
import org.sitewatch.common.Reason;
import org.sitewatch.common.ResultIds;
import org.sitewatch.common.catalog.AlertChannel;
import org.sitewatch.common.catalog.AlertPolicy;
import org.sitewatch.common.catalog.MaintenanceWindow;
import org.sitewatch.common.catalog.SiteDefinition;
import org.sitewatch.common.catalog.SiteDefinitionCodec;
import org.sitewatch.common.serde.CheckResultCodec;

/**
 * The persister decides each site's alert state in the transaction that stores its results: an
 * incident per DOWN period, one outbox row per notification and channel, none for a result
 * delivered twice, and none that a maintenance window silences. Results and the catalogue are sent
 * to Kafka as the checker would; the sites are this test's own.
 */
class AlertDecisionIT {

  private static final ObjectMapper JSON = new ObjectMapper();

  private static final String PREFIX =
      "alert-" + UUID.randomUUID().toString().substring(0, 8) + "-";

  private static final AlertChannel HOOK =
      new AlertChannel(
          "it-hook",
          AlertChannel.Type.WEBHOOK,
          Optional.of("http://127.0.0.1:9/never"),
          Optional.empty(),
          Optional.empty(),
          List.of());

  @Test
  void aDownPeriodIsOneIncidentToldOnceWhenItOpensAndOnceWhenItEnds() throws Exception {
    String site = PREFIX + "shop";
    define(site, new AlertPolicy(List.of(HOOK), 2, 2, true, Optional.empty()), List.of());
    Instant start = Instant.now().minusSeconds(60).truncatedTo(ChronoUnit.MILLIS);
    List<CheckResult> results = new ArrayList<>();
    String[] statuses = {"UP", "DOWN", "DOWN", "DOWN", "UP", "UP"};
    for (int i = 0; i < statuses.length; i++) {
      results.add(result(site, start.plusSeconds(i), statuses[i].equals("UP")));
    }
    for (CheckResult result : results) {
      send(result);
    }
    // Delivered again, as after a crash before the offset commit: decided on once.
    send(results.get(2));
    awaitStored(site, statuses.length);

    List<Map<String, Object>> incidents =
        rows(
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
        rows(
                "SELECT idempotency_key, channel FROM notification WHERE site_id = ? ORDER BY id",
                site)
            .stream()
            .map(row -> row.get("idempotency_key") + " " + row.get("channel"))
            .toList());
    JsonNode notice =
        JSON.readTree(
            (String)
                rows(
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
  }

  @Test
  void aSiteTheCatalogueDoesNotNameHasIncidentsButNobodyIsTold() throws Exception {
    String site = PREFIX + "unnamed";
    Instant start = Instant.now().minusSeconds(30).truncatedTo(ChronoUnit.MILLIS);
    for (int i = 0; i < 3; i++) {
      send(result(site, start.plusSeconds(i), false));
    }
    awaitStored(site, 3);
    assertEquals(1, rows("SELECT id FROM incident WHERE site_id = ?", site).size());
    assertEquals(0, rows("SELECT id FROM notification WHERE site_id = ?", site).size());
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
    AlertPolicy policy = new AlertPolicy(List.of(HOOK), 1, 1, true, Optional.empty());
    define(held, policy, List.of(window));
    define(silenced, policy, List.of(window));
    Instant start = Instant.now().minusSeconds(30).truncatedTo(ChronoUnit.MILLIS);

    send(result(held, start, false));
    awaitStored(held, 1);
    List<Map<String, Object>> outbox =
        rows("SELECT kind, next_attempt_at FROM notification WHERE site_id = ?", held);
    assertEquals(1, outbox.size(), outbox.toString());
    assertEquals(
        windowStart.plus(Duration.ofHours(1)), instant(outbox.get(0).get("next_attempt_at")));

    send(result(silenced, start, false));
    awaitStored(silenced, 1);
    send(result(silenced, start.plusSeconds(1), true));
    awaitStored(silenced, 2);
    assertEquals(
        List.of("DOWN SUPPRESSED"),
        rows("SELECT kind, status FROM notification WHERE site_id = ? ORDER BY id", silenced)
            .stream()
            .map(row -> row.get("kind") + " " + row.get("status"))
            .toList());
  }

  private static void define(String site, AlertPolicy policy, List<MaintenanceWindow> windows)
      throws Exception {
    SiteDefinition definition =
        new SiteDefinition(
            site,
            "Shop " + site,
            "https://" + site + ".example/",
            Map.of("team", "it"),
            Duration.ofSeconds(30),
            policy,
            windows);
    Topics.send(
        new ProducerRecord<>("sitewatch.sites", site, SiteDefinitionCodec.encode(definition)));
    await("the catalogue names " + site)
        .atMost(Duration.ofSeconds(30))
        .until(() -> !rows("SELECT 1 FROM site_definition WHERE site_id = ?", site).isEmpty());
  }

  private static CheckResult result(String site, Instant startedAt, boolean up) {
    return new CheckResult(
        ResultIds.next(startedAt),
        site,
        "https://" + site + ".example/",
        startedAt,
        Duration.ofMillis(40),
        up ? 200 : null,
        null,
        up ? Outcome.up() : Outcome.down(Reason.TIMEOUT, "no answer within 10 s"),
        1,
        null,
        Map.of(),
        startedAt);
  }

  private static void send(CheckResult result) throws Exception {
    Topics.send(
        new ProducerRecord<>(Topics.RESULTS, result.siteId(), CheckResultCodec.encode(result)));
  }

  private static void awaitStored(String site, int results) {
    await(results + " results of " + site + " stored")
        .atMost(Duration.ofSeconds(30))
        .until(() -> StoredResults.rowCount(site) == results);
  }

  private static List<Map<String, Object>> rows(String sql, String site) {
    try (Connection db = Stack.database();
        PreparedStatement statement = db.prepareStatement(sql)) {
      statement.setString(1, site);
      List<Map<String, Object>> rows = new ArrayList<>();
      try (ResultSet row = statement.executeQuery()) {
        while (row.next()) {
          Map<String, Object> values = new LinkedHashMap<>();
          for (int i = 1; i <= row.getMetaData().getColumnCount(); i++) {
            values.put(row.getMetaData().getColumnLabel(i), row.getObject(i));
          }
          rows.add(values);
        }
      }
      return rows;
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
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
