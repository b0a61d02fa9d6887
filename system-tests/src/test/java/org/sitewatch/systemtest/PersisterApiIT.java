package org.sitewatch.systemtest;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.microshed.testing.ManuallyStartedConfiguration;
import org.microshed.testing.jupiter.MicroShedTest;
import org.microshed.testing.kafka.KafkaProducerClient;
import org.sitewatch.common.CheckResult;
import org.sitewatch.common.Outcome;
import org.sitewatch.common.Reason;
import org.sitewatch.common.ResultIds;
import org.sitewatch.common.serde.CheckResultCodec;

/**
 * The persister as a black box (MicroShed Testing against the server the build started): records go
 * in through Kafka, rows come out through its HTTP API.
 */
@MicroShedTest
public class PersisterApiIT {

  @KafkaProducerClient(
      keySerializer = StringSerializer.class,
      valueSerializer = ByteArraySerializer.class)
  public static KafkaProducer<String, byte[]> producer;

  private static URI api(String path) {
    return URI.create(ManuallyStartedConfiguration.getRuntimeURL()).resolve(path);
  }

  private static CheckResult result(String siteId) {
    return result(siteId, Instant.now());
  }

  private static CheckResult result(String siteId, Instant startedAt) {
    return new CheckResult(
        ResultIds.next(startedAt),
        siteId,
        "https://" + siteId + ".example/",
        startedAt,
        Duration.ofMillis(42),
        503,
        null,
        Outcome.down(Reason.HTTP_STATUS, "HTTP 503, expected 200-399"));
  }

  private RecordMetadata send(String key, byte[] value) throws Exception {
    return producer.send(new ProducerRecord<>(Topics.RESULTS, key, value)).get();
  }

  @Test
  void aResultDeliveredTwiceIsStoredOnce() throws Exception {
    CheckResult result = result("twice-" + UUID.randomUUID());
    byte[] bytes = CheckResultCodec.encode(result);
    send(result.siteId(), bytes);
    RecordMetadata second = send(result.siteId(), bytes);

    URI history = api("/api/sites/" + result.siteId() + "/results");
    await("the result is served by the history API")
        .atMost(Duration.ofSeconds(30))
        .until(() -> Stack.get(history).body().contains(result.id().toString()));
    Topics.awaitPersisterPassed(second, Duration.ofSeconds(30));

    assertEquals(
        1, StoredResults.rowCount(result.siteId()), "a redelivered result makes no second row");
    assertEquals(
        List.of(),
        Topics.readAll(Topics.DEAD_LETTERS).stream()
            .filter(r -> result.siteId().equals(r.key()))
            .toList(),
        "a redelivered result is no bad data: nothing of it is set aside");
    String body = Stack.get(history).body();
    assertEquals(1, body.split(result.id().toString(), -1).length - 1, "served once: " + body);
    assertTrue(body.contains("HTTP_STATUS"), "the reason is served: " + body);
  }

  @Test
  void anOlderResultArrivingLateDoesNotTakeTheSiteBack() throws Exception {
    String siteId = "late-" + UUID.randomUUID();
    CheckResult newer = result(siteId);
    CheckResult older = result(siteId, newer.startedAt().minusSeconds(60));
    send(siteId, CheckResultCodec.encode(newer));
    await("the newer result is stored")
        .atMost(Duration.ofSeconds(30))
        .until(() -> StoredResults.rowCount(siteId) == 1);
    send(siteId, CheckResultCodec.encode(older));
    await("the older result is stored too")
        .atMost(Duration.ofSeconds(30))
        .until(() -> StoredResults.rowCount(siteId) == 2);

    try (var db = Stack.database();
        var query = db.prepareStatement("select last_result_id from site where site_id = ?")) {
      query.setString(1, siteId);
      try (var rows = query.executeQuery()) {
        assertTrue(rows.next(), "the site has a row");
        assertEquals(
            newer.id(),
            rows.getObject(1, UUID.class),
            "the site's latest state stays the newer result");
      }
    }
  }

  @Test
  void anUnreadableRecordIsSetAsideWithItsReasonAndTheStreamGoesOn() throws Exception {
    String key = "garbled-" + UUID.randomUUID();
    byte[] garbage = "{\"not\":\"avro\"}".getBytes(StandardCharsets.UTF_8);
    send(key, garbage);
    CheckResult after = result("after-garbage-" + UUID.randomUUID());
    send(after.siteId(), CheckResultCodec.encode(after));

    await("the valid result after the garbage is stored")
        .atMost(Duration.ofSeconds(30))
        .until(() -> StoredResults.ids(after.siteId()).size() == 1);

    List<ConsumerRecord<String, byte[]>> dead =
        Topics.readAll(Topics.DEAD_LETTERS).stream().filter(r -> key.equals(r.key())).toList();
    assertEquals(1, dead.size(), "the garbled record is dead-lettered exactly once");
    assertArrayEquals(garbage, dead.get(0).value(), "with its original bytes");
    Header reason = dead.get(0).headers().lastHeader("sitewatch.dlq.reason");
    assertTrue(reason != null, "with a reason header");
    assertTrue(
        new String(reason.value(), StandardCharsets.UTF_8).contains("not single-object encoded"),
        "the reason names the problem");
  }

  @Test
  void sitesComeAPageAtATimeWithALinkToTheNext() throws Exception {
    String prefix = "page-" + UUID.randomUUID() + "-";
    List<String> ids = List.of(prefix + "a", prefix + "b", prefix + "c");
    for (String id : ids) {
      send(id, CheckResultCodec.encode(result(id)));
    }
    await("three sites stored")
        .atMost(Duration.ofSeconds(30))
        .until(
            () -> {
              for (String id : ids) {
                if (StoredResults.rowCount(id) != 1) {
                  return false;
                }
              }
              return true;
            });

    var first = Stack.get(api("/api/sites?limit=2&after=" + prefix));
    assertEquals(200, first.statusCode(), first.body());
    assertTrue(
        first.body().indexOf(ids.get(0)) >= 0 && first.body().indexOf(ids.get(1)) >= 0,
        "the first page holds the first two: " + first.body());
    assertTrue(!first.body().contains(ids.get(2)), "and not the third: " + first.body());
    String link = first.headers().firstValue("Link").orElse("");
    Matcher next = Pattern.compile("<([^>]+)>;\\s*rel=\"next\"").matcher(link);
    assertTrue(next.find(), "a Link to the next page: " + link);

    var second = Stack.get(URI.create(next.group(1)));
    assertEquals(200, second.statusCode(), second.body());
    assertEquals(
        ids.get(2), Stack.firstSiteId(second.body()), "the next page starts with the third");
  }

  @Test
  void theHistoryApiAnswersBadRequestsClearly() {
    assertEquals(404, Stack.get(api("/api/sites/no-such-site/results")).statusCode());
    assertEquals(400, Stack.get(api("/api/sites/x/results?limit=0")).statusCode());
    assertEquals(400, Stack.get(api("/api/sites/x/results?before=yesterday")).statusCode());
    assertEquals(400, Stack.get(api("/api/sites?limit=5000")).statusCode());
  }

  @Test
  void healthEndpointsAreUp() {
    for (String path : List.of("/health/started", "/health/live", "/health/ready")) {
      var response = Stack.get(api(path));
      assertEquals(200, response.statusCode(), path + ": " + response.body());
      assertTrue(response.body().contains("\"status\":\"UP\""), path + ": " + response.body());
    }
  }
}
