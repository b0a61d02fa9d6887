package org.sitewatch.systemtest;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.microshed.testing.ManuallyStartedConfiguration;
import org.microshed.testing.jupiter.MicroShedTest;
import org.microshed.testing.kafka.KafkaProducerClient;
import org.sitewatch.common.CheckResult;
import org.sitewatch.common.Outcome;
import org.sitewatch.common.Reason;
import org.sitewatch.common.ResultIds;
import org.sitewatch.common.serde.CheckResultCodec;
import org.w3c.dom.Document;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * The uptime API over results sent through Kafka: the figures come from the rollups, which count a
 * redelivered result once, and each change of a site's state is kept.
 */
@MicroShedTest
public class UptimeApiIT {

  private static final ObjectMapper JSON = new ObjectMapper();

  private static final String PREFIX = "uptime-" + UUID.randomUUID() + "-";

  /** Four results, one of them delivered twice: UP, DOWN, UP, UP. */
  private static final String SHOP = PREFIX + "shop";

  /** One DOWN result: id order puts it last, state order first. */
  private static final String DOWN = PREFIX + "z-down";

  private static final String ENV = "it-" + UUID.randomUUID();

  private static final List<CheckResult> SHOP_RESULTS = new ArrayList<>();

  @KafkaProducerClient(
      keySerializer = StringSerializer.class,
      valueSerializer = ByteArraySerializer.class)
  public static KafkaProducer<String, byte[]> producer;

  @BeforeAll
  static void sendResults() throws Exception {
    Instant start = Instant.now().minusSeconds(10).truncatedTo(ChronoUnit.MILLIS);
    SHOP_RESULTS.add(result(SHOP, start, 100, null));
    SHOP_RESULTS.add(result(SHOP, start.plusSeconds(1), 3000, Reason.TIMEOUT));
    SHOP_RESULTS.add(result(SHOP, start.plusSeconds(2), 100, null));
    SHOP_RESULTS.add(result(SHOP, start.plusSeconds(3), 200, null));
    for (int i = 0; i < SHOP_RESULTS.size(); i++) {
      CheckResult result = SHOP_RESULTS.get(i);
      send(result);
      if (i == 1) {
        send(result);
      }
      // One at a time: each is its site's latest when stored, so each change of state shows.
      int stored = i + 1;
      await("result " + stored + " of " + SHOP + " stored")
          .atMost(Duration.ofSeconds(30))
          .until(() -> StoredResults.rowCount(SHOP) == stored);
    }
    send(result(DOWN, start, 50, Reason.HTTP_STATUS));
    await("the DOWN site stored")
        .atMost(Duration.ofSeconds(30))
        .until(() -> StoredResults.rowCount(DOWN) == 1);
  }

  private static CheckResult result(String siteId, Instant startedAt, long millis, Reason reason) {
    return new CheckResult(
        ResultIds.next(startedAt),
        siteId,
        "https://" + siteId + ".example/",
        startedAt,
        Duration.ofMillis(millis),
        reason == null ? 200 : 503,
        null,
        reason == null ? Outcome.up() : Outcome.down(reason, "it says " + reason),
        1,
        null,
        Map.of("env", ENV),
        startedAt);
  }

  private static void send(CheckResult result) throws Exception {
    producer
        .send(
            new ProducerRecord<>(Topics.RESULTS, result.siteId(), CheckResultCodec.encode(result)))
        .get();
  }

  private static HttpResponse<String> get(String path) {
    return Stack.get(URI.create(ManuallyStartedConfiguration.getRuntimeURL()).resolve(path));
  }

  private static JsonNode json(String path) {
    HttpResponse<String> response = get(path);
    assertEquals(200, response.statusCode(), path + ": " + response.body());
    return JSON.readTree(response.body());
  }

  private static String encoded(String text) {
    return URLEncoder.encode(text, StandardCharsets.UTF_8);
  }

  @Test
  void aSiteShowsItsUptimeAndResponseTimesCountingARedeliveryOnce() throws Exception {
    JsonNode uptime = json("/api/sites/" + SHOP + "/uptime?window=24h");
    assertEquals(4, uptime.get("checks").asLong(), uptime.toString());
    assertEquals(3, uptime.get("checksUp").asLong(), uptime.toString());
    assertEquals(75.0, uptime.get("uptime").asDouble(), uptime.toString());
    JsonNode times = uptime.get("responseTimeMs");
    assertEquals(850.0, times.get("mean").asDouble(), times.toString());
    assertEquals(100.0, times.get("p50").asDouble(), times.toString());
    assertEquals(2960.0, times.get("p99").asDouble(), times.toString());
    StoredRollups.assertMatchStoredResults(PREFIX);

    JsonNode week = json("/api/sites/" + SHOP + "/uptime?window=7d");
    assertEquals(4, week.get("checks").asLong(), "the daily rollup agrees: " + week);
  }

  @Test
  void eachChangeOfStateIsKept() {
    JsonNode changes = json("/api/sites/" + SHOP + "/uptime?window=24h").get("stateChanges");
    List<String> seen = new ArrayList<>();
    changes.forEach(
        change -> seen.add(change.path("from").asString("") + ">" + change.get("to").asString()));
    assertEquals(List.of(">UP", "UP>DOWN", "DOWN>UP"), seen, changes.toString());
    assertEquals(
        SHOP_RESULTS.get(2).startedAt(),
        Instant.parse(changes.get(2).get("at").asString()),
        "the change happened at the result that made it");
  }

  @Test
  void theListShowsStateUptimeAndDailyBarsAndFilters() {
    JsonNode sites = json("/api/sites?q=" + encoded(PREFIX) + "&days=3");
    assertEquals(2, sites.size(), sites.toString());
    JsonNode shop = sites.get(0);
    assertEquals(SHOP, shop.get("siteId").asString());
    assertEquals("UP", shop.get("state").asString());
    assertEquals(SHOP_RESULTS.get(2).startedAt(), Instant.parse(shop.get("stateSince").asString()));
    assertEquals(ENV, shop.get("labels").get("env").asString());
    assertEquals(75.0, shop.get("uptime").get("24h").asDouble(), shop.toString());
    assertEquals(75.0, shop.get("uptime").get("30d").asDouble(), shop.toString());
    JsonNode daily = shop.get("daily");
    assertEquals(
        LocalDate.now(ZoneOffset.UTC).minusDays(2).toString(), daily.get("from").asString());
    assertEquals(3, daily.get("checks").size(), daily.toString());
    assertEquals(4, daily.get("checks").get(2).asLong(), "today is the last bar: " + daily);
    assertEquals(75.0, daily.get("uptime").get(2).asDouble(), daily.toString());

    JsonNode down = json("/api/sites?state=DOWN&label=" + encoded("env:" + ENV));
    assertEquals(1, down.size(), down.toString());
    assertEquals(DOWN, down.get(0).get("siteId").asString());
    assertEquals(0, json("/api/sites?label=" + encoded("env:" + ENV + "-other")).size());
  }

  @Test
  void theListGoesGzippedToClientsThatAcceptIt() throws Exception {
    String path = "/api/sites?days=90&q=" + encoded(PREFIX);
    HttpResponse<byte[]> gzipped =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(
                        URI.create(ManuallyStartedConfiguration.getRuntimeURL()).resolve(path))
                    .header("Accept-Encoding", "gzip")
                    .build(),
                HttpResponse.BodyHandlers.ofByteArray());
    assertEquals(200, gzipped.statusCode());
    assertEquals("gzip", gzipped.headers().firstValue("Content-Encoding").orElse(null));
    try (GZIPInputStream body = new GZIPInputStream(new ByteArrayInputStream(gzipped.body()))) {
      assertEquals(json(path), JSON.readTree(body.readAllBytes()));
    }
    assertTrue(get(path).headers().firstValue("Content-Encoding").isEmpty(), "plain otherwise");
  }

  @Test
  void theStateOrderPutsDownSitesFirstAndPagesOn() {
    HttpResponse<String> first = get("/api/sites?sort=state&limit=1&q=" + encoded(PREFIX));
    assertEquals(200, first.statusCode(), first.body());
    assertEquals(DOWN, JSON.readTree(first.body()).get(0).get("siteId").asString());
    Matcher next =
        Pattern.compile("<([^>]+)>;\\s*rel=\"next\"")
            .matcher(first.headers().firstValue("Link").orElse(""));
    assertTrue(next.find(), "a link to the next page: " + first.headers().map());
    JsonNode second = JSON.readTree(Stack.get(URI.create(next.group(1))).body());
    assertEquals(SHOP, second.get(0).get("siteId").asString(), second.toString());
  }

  @Test
  void aSeriesHasAPointPerHourAndTheSummaryCountsStates() {
    JsonNode series = json("/api/sites/" + SHOP + "/series?window=24h");
    assertEquals("1h", series.get("step").asString());
    JsonNode points = series.get("points");
    assertTrue(points.size() == 24 || points.size() == 25, points.toString());
    long checks = 0;
    for (JsonNode point : points) {
      checks += point.get("checks").asLong();
    }
    assertEquals(4, checks, points.toString());

    JsonNode summary = json("/api/summary");
    assertTrue(summary.get("byState").get("DOWN").asLong() >= 1, summary.toString());
    assertEquals(
        summary.get("sites").asLong(),
        summary.get("byState").get("UP").asLong() + summary.get("byState").get("DOWN").asLong());
  }

  @Test
  void badParametersAreNamedAndUnknownSitesAreNotFound() {
    Map<String, String> refused =
        Map.of(
            "/api/sites/" + SHOP + "/uptime?window=1y",
            "window",
            "/api/sites/" + SHOP + "/series?window=90d&step=1h",
            "step",
            "/api/sites?state=maybe",
            "state",
            "/api/sites?days=365",
            "days",
            "/api/sites?sort=state&cursor=%21%21",
            "cursor");
    refused.forEach(
        (path, parameter) -> {
          HttpResponse<String> response = get(path);
          assertEquals(400, response.statusCode(), path + ": " + response.body());
          assertEquals(parameter, JSON.readTree(response.body()).get("parameter").asString(), path);
        });
    assertEquals(404, get("/api/sites/no-such-site/uptime").statusCode());
    assertEquals(404, get("/api/sites/no-such-site/series").statusCode());
  }

  @Test
  void badgesAreValidSvgWithTheSitesFigures() throws Exception {
    Map<String, String> badges =
        Map.of(
            "/badge/" + SHOP + "/status.svg",
            "status: up",
            "/badge/" + DOWN + "/status.svg",
            "status: down",
            "/badge/" + SHOP + "/uptime-24h.svg",
            "uptime 24h: 75.00%",
            "/badge/" + SHOP + "/uptime-30d.svg",
            "uptime 30d: 75.00%",
            "/badge/" + SHOP + "/response-time.svg",
            "response time 24h: 850 ms",
            "/badge/no-such-site/status.svg",
            "status: unknown site");
    for (Map.Entry<String, String> badge : badges.entrySet()) {
      HttpResponse<String> response = get(badge.getKey());
      assertEquals(
          badge.getKey().contains("no-such-site") ? 404 : 200,
          response.statusCode(),
          badge.getKey());
      assertEquals(
          "image/svg+xml",
          response.headers().firstValue("Content-Type").orElse("").split(";")[0],
          badge.getKey());
      DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
      factory.setNamespaceAware(true);
      Document svg =
          factory
              .newDocumentBuilder()
              .parse(new ByteArrayInputStream(response.body().getBytes(StandardCharsets.UTF_8)));
      assertEquals("svg", svg.getDocumentElement().getLocalName(), badge.getKey());
      assertEquals(
          badge.getValue(),
          svg.getElementsByTagName("title").item(0).getTextContent(),
          badge.getKey());
    }
  }
}
