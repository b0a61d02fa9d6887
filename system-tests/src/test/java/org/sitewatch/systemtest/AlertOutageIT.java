package org.sitewatch.systemtest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.sitewatch.common.catalog.AlertPolicy;
import org.sitewatch.common.catalog.SiteDefinitionCodec;

/**
 * 1,000 sites go DOWN within seconds while the webhook receiver answers 503 for two minutes, and
 * come back meanwhile. Once it answers again every notification arrives, each site's DOWN before
 * its RESOLVED, none lost, in a handful of messages rather than 2,000.
 */
class AlertOutageIT {

  private static final int SITES = 1_000;
  private static final Duration OUTAGE = Duration.ofMinutes(2);

  @Test
  void aMassOutageDuringAReceiverOutageArrivesWholeInOrderAndDigested() throws Exception {
    String prefix =
        AlertFeed.SITE_PREFIX + "mass-" + UUID.randomUUID().toString().substring(0, 8) + "-";
    String path = "/" + prefix + "hook";
    try (WebhookReceiver receiver = WebhookReceiver.start();
        KafkaProducer<String, byte[]> producer =
            new KafkaProducer<>(
                Map.of("bootstrap.servers", Stack.kafkaBootstrap(), "acks", "all", "linger.ms", 20),
                new StringSerializer(),
                new ByteArraySerializer())) {
      AlertPolicy policy =
          new AlertPolicy(
              List.of(AlertFeed.webhook("mass-hook", receiver.url(path))),
              1,
              1,
              true,
              Optional.empty());
      List<String> sites = new ArrayList<>();
      for (int i = 0; i < SITES; i++) {
        String site = String.format("%s%04d", prefix, i);
        sites.add(site);
        producer.send(
            new ProducerRecord<>(
                AlertFeed.CATALOGUE,
                site,
                SiteDefinitionCodec.encode(AlertFeed.definition(site, policy, List.of()))));
      }
      producer.flush();
      Awaitility.await("the catalogue names all " + SITES)
          .atMost(Duration.ofSeconds(60))
          .until(
              () ->
                  count("SELECT count(*) AS n FROM site_definition WHERE site_id LIKE ?", prefix)
                      == SITES);

      receiver.answer(503);
      Instant outageStart = Instant.now();
      Instant start = outageStart.minusSeconds(30).truncatedTo(ChronoUnit.MILLIS);
      for (int round = 0; round < 2; round++) {
        for (String site : sites) {
          producer.send(
              AlertFeed.record(AlertFeed.result(site, start.plusSeconds(round), round == 1)));
        }
        producer.flush();
        long decided = (long) SITES * (round + 1);
        Awaitility.await("round " + round + " decided")
            .atMost(Duration.ofSeconds(60))
            .until(
                () ->
                    count("SELECT count(*) AS n FROM notification WHERE site_id LIKE ?", prefix)
                        == decided);
      }
      assertTrue(receiver.delivered(path).isEmpty(), "nothing delivered while it answers 503");
      Thread.sleep(
          Math.max(0, OUTAGE.minus(Duration.between(outageStart, Instant.now())).toMillis()));
      int refused = receiver.requests(path).size();
      receiver.answer(200);

      Awaitility.await("all " + 2 * SITES + " notifications delivered")
          .atMost(Duration.ofMinutes(3))
          .pollInterval(Duration.ofSeconds(1))
          .until(() -> new HashSet<>(receiver.deliveredKeys(path)).size() == 2 * SITES);

      List<String> keys = receiver.deliveredKeys(path);
      assertEquals(2 * SITES, keys.size(), "each notification delivered once");
      Map<String, Integer> firstAt = new HashMap<>();
      for (int i = 0; i < keys.size(); i++) {
        firstAt.putIfAbsent(keys.get(i), i);
      }
      for (Map<String, Object> incident :
          AlertFeed.rows("SELECT id FROM incident WHERE site_id LIKE ?", prefix + "%")) {
        long id = (Long) incident.get("id");
        assertTrue(
            firstAt.get(id + "-DOWN") < firstAt.get(id + "-RESOLVED"),
            "incident " + id + ": its DOWN before its RESOLVED");
      }
      int delivered = receiver.delivered(path).size();
      assertTrue(
          delivered <= 20,
          "a handful of messages for 2,000 notifications, got "
              + delivered
              + " (and "
              + refused
              + " attempts refused during the outage)");
      assertEquals(
          2L * SITES,
          count(
              "SELECT count(*) AS n FROM notification WHERE site_id LIKE ? AND status = 'SENT'",
              prefix));
    }
  }

  private static long count(String sql, String prefix) {
    return (Long) AlertFeed.rows(sql, prefix + "%").get(0).get("n");
  }
}
