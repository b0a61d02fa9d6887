package org.sitewatch.systemtest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.sitewatch.common.catalog.AlertChannel;
import org.sitewatch.common.catalog.AlertPolicy;

/**
 * Two persisters in one group decide and send while 200 sites go DOWN and come back; one is
 * SIGKILLed in the middle. Every transition is told, each key at most twice (a send the kill cut
 * short), and the two never both send the same notification otherwise.
 */
class AlertTwoPersistersIT {

  private static final int SITES = 200;

  @Test
  void everyTransitionIsToldThoughOnePersisterDies() throws Exception {
    String prefix =
        AlertFeed.SITE_PREFIX + "two-" + UUID.randomUUID().toString().substring(0, 8) + "-";
    String path = "/" + prefix + "hook";
    URI second = URI.create("http://localhost:" + System.getProperty("st.persister2.http.port"));
    Stack.control("/servers/persister2/start");
    try (WebhookReceiver receiver = WebhookReceiver.start();
        KafkaProducer<String, byte[]> producer =
            new KafkaProducer<>(
                Map.of("bootstrap.servers", Stack.kafkaBootstrap(), "acks", "all"),
                new StringSerializer(),
                new ByteArraySerializer())) {
      Stack.awaitStatus(second.resolve("/health/ready"), 200, Duration.ofSeconds(120));
      Topics.awaitPersisterGroupMembers(2);
      AlertChannel hook = AlertFeed.webhook("two-hook", receiver.url(path));
      AlertPolicy policy = new AlertPolicy(List.of(hook), 1, 1, true, Optional.empty());
      List<String> sites = AlertFeed.defineAll(producer, prefix, SITES, policy);

      Instant start = Instant.now().minusSeconds(60).truncatedTo(ChronoUnit.MILLIS);
      for (int round = 0; round < 2; round++) {
        for (String site : sites) {
          producer.send(
              AlertFeed.record(AlertFeed.result(site, start.plusSeconds(round), round == 1)));
        }
        producer.flush();
        if (round == 0) {
          Awaitility.await("some DOWNs told")
              .atMost(Duration.ofSeconds(60))
              .until(() -> !receiver.deliveredKeys(path).isEmpty());
          Stack.control("/servers/persister2/kill");
        }
      }

      Awaitility.await("every DOWN and RESOLVED of the " + SITES + " sites told")
          .atMost(Duration.ofMinutes(4))
          .until(() -> new HashSet<>(receiver.deliveredKeys(path)).size() == 2 * SITES);
      Map<String, Long> times =
          receiver.deliveredKeys(path).stream()
              .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
      Set<String> repeated =
          times.entrySet().stream()
              .filter(e -> e.getValue() > 1)
              .map(Map.Entry::getKey)
              .collect(Collectors.toSet());
      assertTrue(
          times.values().stream().allMatch(n -> n <= 2), "no key told more than twice: " + times);
      assertEquals(
          2L * SITES,
          AlertFeed.count(
              "SELECT count(*) AS n FROM notification WHERE site_id LIKE ? AND status = 'SENT'",
              prefix),
          "every notification SENT once in the outbox; repeated on the wire: " + repeated);
      Topics.awaitPersisterGroupMembers(1);
    } finally {
      if (Stack.status(second.resolve("/health/live")) != -1) {
        Stack.control("/servers/persister2/stop");
      }
    }
  }
}
