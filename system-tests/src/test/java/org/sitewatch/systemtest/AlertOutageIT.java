package org.sitewatch.systemtest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.sitewatch.common.catalog.AlertPolicy;

/**
 * 1,000 sites go DOWN at once: their channel gets a handful of messages naming all of them, not
 * 1,000. They come back while the receiver answers 503 for two minutes: once it answers again every
 * RESOLVED arrives, once, none lost, still digested.
 */
class AlertOutageIT {

  private static final int SITES = 1_000;
  private static final Duration OUTAGE = Duration.ofMinutes(2);

  @Test
  void aMassOutageIsDigestedAndAReceiverOutageLosesNothing() throws Exception {
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
      List<String> sites = AlertFeed.defineAll(producer, prefix, SITES, policy);

      Instant start = Instant.now().minusSeconds(30).truncatedTo(ChronoUnit.MILLIS);
      sendRound(producer, sites, start, false);
      Awaitility.await("all " + SITES + " DOWNs delivered")
          .atMost(Duration.ofSeconds(60))
          .until(() -> new HashSet<>(receiver.deliveredKeys(path)).size() == SITES);
      int downMessages = receiver.delivered(path).size();
      assertTrue(
          downMessages <= 10,
          SITES + " sites DOWN at once: a handful of messages, got " + downMessages);

      receiver.answer(503);
      Instant outageStart = Instant.now();
      sendRound(producer, sites, start.plusSeconds(1), true);
      Awaitility.await("the RESOLVEDs decided")
          .atMost(Duration.ofSeconds(60))
          .until(
              () ->
                  AlertFeed.count(
                          "SELECT count(*) AS n FROM notification WHERE site_id LIKE ?", prefix)
                      == 2L * SITES);
      Thread.sleep(
          Math.max(0, OUTAGE.minus(Duration.between(outageStart, Instant.now())).toMillis()));
      assertEquals(downMessages, receiver.delivered(path).size(), "nothing delivered during it");
      int refused = receiver.requests(path).size() - downMessages;
      receiver.answer(200);

      Awaitility.await("all " + SITES + " RESOLVEDs delivered after the outage")
          .atMost(Duration.ofMinutes(3))
          .pollInterval(Duration.ofSeconds(1))
          .until(() -> new HashSet<>(receiver.deliveredKeys(path)).size() == 2 * SITES);
      List<String> keys = receiver.deliveredKeys(path);
      assertEquals(2 * SITES, keys.size(), "each notification delivered once: " + keys.size());
      assertTrue(
          keys.subList(SITES, keys.size()).stream().allMatch(k -> k.endsWith("-RESOLVED")),
          "the RESOLVEDs after the DOWNs");
      int resolvedMessages = receiver.delivered(path).size() - downMessages;
      assertTrue(
          resolvedMessages <= 50,
          "digests after the outage, got "
              + resolvedMessages
              + " messages ("
              + refused
              + " attempts refused during it)");
      assertEquals(
          2L * SITES,
          AlertFeed.count(
              "SELECT count(*) AS n FROM notification WHERE site_id LIKE ? AND status = 'SENT'",
              prefix));
      System.out.printf(
          "AlertOutageIT: %d DOWNs in %d messages; %d RESOLVEDs in %d messages after the outage,"
              + " %d attempts refused during it%n",
          SITES, downMessages, SITES, resolvedMessages, refused);
    }
  }

  private static void sendRound(
      KafkaProducer<String, byte[]> producer, List<String> sites, Instant at, boolean up) {
    for (String site : sites) {
      producer.send(AlertFeed.record(AlertFeed.result(site, at, up)));
    }
    producer.flush();
  }
}
