package org.sitewatch.systemtest;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import jakarta.mail.internet.MimeMessage;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * The stack's persister drains the notification outbox to real receivers: a loopback webhook
 * receiver ({@link WebhookReceiver}) and GreenMail ({@link SmtpReceiver}). Rows are written
 * straight into the outbox, as the ingest transaction writes them; every site id starts with {@code
 * nd-}.
 */
class NotificationDeliveryIT {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration SOON = Duration.ofSeconds(20);

  private WebhookReceiver receiver;
  private final String run = Long.toString(System.nanoTime(), 36);

  @BeforeEach
  void startReceiver() throws Exception {
    receiver = WebhookReceiver.start();
  }

  @AfterEach
  void stopReceiver() {
    receiver.close();
  }

  private String site(String name) {
    return "nd-" + name + "-" + run;
  }

  @Test
  void aWebhookNotificationArrivesOnceSignedAndAsItsSchemaSays() throws Exception {
    String path = "/nd-signed-" + run;
    String spec =
        OutboxRows.webhook("nd-hook", receiver.url(path).toString(), "ST_ALERT_HOOK_SECRET");
    Instant inserted = Instant.now();
    List<OutboxRows.Written> rows =
        OutboxRows.insert(List.of(new OutboxRows.Row(site("signed"), "DOWN", spec)));

    WebhookReceiver.Request request = receiver.awaitDelivered(path, 1, SOON).get(0);
    System.out.printf(
        "NotificationDeliveryIT: webhook received %d ms after the outbox row was committed%n",
        Duration.between(inserted, request.at()).toMillis());

    assertEquals(rows.get(0).key(), request.header("X-Sitewatch-Idempotency-Key"));
    assertEquals("application/json", request.header("Content-Type").split(";")[0]);
    assertEquals(
        "sha256=" + hmac(System.getProperty("st.alert.hook.secret"), request.body()),
        request.header("X-Sitewatch-Signature"),
        "the signature is the HMAC-SHA256 of the exact body under ST_ALERT_HOOK_SECRET");
    JsonNode body = JSON.readTree(request.body());
    List<Error> errors = schema().validate(body);
    assertTrue(errors.isEmpty(), "the body validates against alert-webhook.schema.json: " + errors);
    assertEquals(1, body.get("notifications").size());
    JsonNode notification = body.get("notifications").get(0);
    assertEquals(rows.get(0).key(), notification.get("idempotencyKey").asString());
    assertEquals(site("signed"), notification.get("site").get("id").asString());
    assertTrue(
        notification.get("link").asString().endsWith("/status/site.html?id=" + site("signed")),
        "a link to the site's page: " + notification.get("link"));
    awaitStatuses(rows, "SENT");
    // Sent once: a second request would come within a poll or two.
    await("exactly one request for one notification")
        .during(Duration.ofSeconds(2))
        .atMost(Duration.ofSeconds(5))
        .until(() -> receiver.requests(path).size() == 1);
  }

  @Test
  void aSlackNotificationArrivesAsText() throws Exception {
    List<OutboxRows.Written> rows =
        OutboxRows.insert(
            List.of(
                new OutboxRows.Row(
                    site("chat"), "DOWN", OutboxRows.slack("nd-chat", "ST_ALERT_SLACK_URL"))));

    List<WebhookReceiver.Request> requests =
        await()
            .atMost(SOON)
            .until(
                () ->
                    receiver.delivered("/slack").stream()
                        .filter(r -> r.text().contains(site("chat")))
                        .toList(),
                list -> !list.isEmpty());

    assertEquals(1, requests.size());
    JsonNode body = JSON.readTree(requests.get(0).body());
    String text = body.get("text").asString();
    assertTrue(text.contains("DOWN: Site " + site("chat")), text);
    assertTrue(text.contains("HTTP_STATUS: HTTP 503"), text);
    awaitStatuses(rows, "SENT");
  }

  @Test
  void aMailArrivesWithItsSubjectAndBody() throws Exception {
    try (SmtpReceiver smtp = SmtpReceiver.start()) {
      String to = "ops-" + run + "@example.net";
      List<OutboxRows.Written> rows =
          OutboxRows.insert(
              List.of(new OutboxRows.Row(site("mail"), "DOWN", OutboxRows.email("nd-mail", to))));

      List<MimeMessage> mails = smtp.awaitMail(to, site("mail"), Duration.ofSeconds(60));

      assertEquals(1, mails.size(), "one mail");
      MimeMessage mail = mails.get(0);
      assertEquals("[Sitewatch] DOWN: Site " + site("mail"), mail.getSubject());
      String body = ((String) mail.getContent()).replace("\r\n", "\n");
      assertTrue(body.contains("Site " + site("mail") + " is DOWN"), body);
      assertTrue(body.contains("Reason:      HTTP_STATUS: HTTP 503"), body);
      assertTrue(body.contains("Down since:"), body);
      assertTrue(body.contains("Last result:"), body);
      assertTrue(body.contains("/status/site.html?id=" + site("mail")), body);
      assertEquals("sitewatch@stack.test", mail.getFrom()[0].toString());
      awaitStatuses(rows, "SENT");
    }
  }

  @Test
  void aReceiverAnswering503ForTwentySecondsGetsEveryNotificationAfterInOrderPerSite()
      throws Exception {
    String path = "/nd-outage-" + run;
    String spec = OutboxRows.webhook("nd-outage", receiver.url(path).toString(), null);
    receiver.answer(503);
    List<OutboxRows.Row> wanted = new ArrayList<>();
    for (int s = 0; s < 5; s++) {
      for (String kind : List.of("DOWN", "REMINDER", "RESOLVED")) {
        wanted.add(new OutboxRows.Row(site("outage" + s), kind, spec));
      }
    }
    List<OutboxRows.Written> rows = OutboxRows.insert(wanted);

    await("requests refused during the outage")
        .atMost(SOON)
        .until(() -> receiver.requests(path).size() >= 5);
    await("nothing given up or marked sent while the receiver refuses, for 20 s")
        .during(Duration.ofSeconds(20))
        .atMost(Duration.ofSeconds(25))
        .until(
            () ->
                OutboxRows.statuses(rows).values().stream()
                    .allMatch(status -> status[0].equals("PENDING")));
    assertTrue(receiver.delivered(path).isEmpty(), "nothing delivered during the outage");
    receiver.answer(200);

    await("every notification delivered after the outage")
        .atMost(Duration.ofSeconds(150))
        .pollInterval(Duration.ofMillis(200))
        .until(() -> deliveredKeys(path).keySet().containsAll(keys(rows)));

    Map<String, Integer> firstDelivery = deliveredKeys(path);
    for (int s = 0; s < 5; s++) {
      String siteId = site("outage" + s);
      List<Integer> order =
          rows.stream()
              .filter(r -> r.siteId().equals(siteId))
              .map(r -> firstDelivery.get(r.key()))
              .toList();
      assertEquals(3, order.size());
      assertTrue(
          order.get(0) < order.get(1) && order.get(1) < order.get(2),
          siteId + "'s notifications arrive in the order they were decided: " + order);
    }
    awaitStatuses(rows, "SENT");
  }

  @Test
  void twoHundredDueAtOnceGoAsAHandfulOfDigestsNamingThemAll() throws Exception {
    String path = "/nd-mass-" + run;
    String spec = OutboxRows.webhook("nd-mass", receiver.url(path).toString(), null);
    List<OutboxRows.Row> wanted = new ArrayList<>();
    for (int s = 0; s < 200; s++) {
      wanted.add(new OutboxRows.Row(site("mass" + s), "DOWN", spec));
    }
    List<OutboxRows.Written> rows = OutboxRows.insert(wanted);

    await("all 200 notifications delivered")
        .atMost(Duration.ofSeconds(60))
        .until(() -> deliveredKeys(path).keySet().containsAll(keys(rows)));
    awaitStatuses(rows, "SENT");

    List<WebhookReceiver.Request> requests = receiver.requests(path);
    assertTrue(requests.size() <= 5, "a handful of messages, got " + requests.size());
    List<String> named = new ArrayList<>();
    for (WebhookReceiver.Request request : requests) {
      for (JsonNode n : JSON.readTree(request.body()).get("notifications")) {
        named.add(n.get("idempotencyKey").asString());
      }
      if (JSON.readTree(request.body()).get("notifications").size() > 1) {
        assertTrue(
            request.header("X-Sitewatch-Idempotency-Key").startsWith("digest-"),
            "a digest's own key");
      }
    }
    assertEquals(200, named.size(), "each notification named once, none twice: " + named.size());
    assertEquals(keys(rows).stream().sorted().toList(), named.stream().sorted().toList());
  }

  @Test
  void aNotificationPastItsRetryPeriodIsFailedCountedAndShown() throws Exception {
    String closed = "http://127.0.0.1:" + System.getProperty("st.closed.port") + "/nd-dead";
    List<OutboxRows.Written> rows =
        OutboxRows.insert(
            List.of(
                new OutboxRows.Row(
                    site("dead"),
                    "DOWN",
                    OutboxRows.webhook("nd-dead", closed, null),
                    Instant.now().minus(Duration.ofHours(25)),
                    12)));

    awaitStatuses(rows, "FAILED");

    String error = OutboxRows.statuses(rows).get(rows.get(0).id())[1];
    assertTrue(
        error != null && error.contains("POST to http://127.0.0.1:"),
        "last_error says what failed: " + error);
    await("the failure counted on /metrics")
        .atMost(SOON)
        .until(
            () ->
                Stack.metric(
                        Stack.persister("/metrics"),
                        "sitewatch_notifications_failed_total",
                        "channel",
                        "nd-dead")
                    >= 1);
    String ready = Stack.get(Stack.persister("/health/ready")).body();
    assertTrue(ready.contains("\"notificationsPending\""), "readiness shows the backlog: " + ready);
  }

  private static List<String> keys(List<OutboxRows.Written> rows) {
    return rows.stream().map(OutboxRows.Written::key).toList();
  }

  /** Each key's first delivered request, by its position among the delivered requests. */
  private Map<String, Integer> deliveredKeys(String path) {
    List<WebhookReceiver.Request> delivered = receiver.delivered(path);
    Map<String, Integer> first = new java.util.HashMap<>();
    for (int i = 0; i < delivered.size(); i++) {
      for (JsonNode n : JSON.readTree(delivered.get(i).body()).get("notifications")) {
        first.putIfAbsent(n.get("idempotencyKey").asString(), i);
      }
    }
    return first;
  }

  private static void awaitStatuses(List<OutboxRows.Written> rows, String status) {
    await("every row " + status)
        .atMost(SOON)
        .until(
            () ->
                OutboxRows.statuses(rows).values().stream()
                    .map(s -> s[0])
                    .collect(Collectors.toSet())
                    .equals(java.util.Set.of(status)));
  }

  private static Schema schema() {
    String text = Stack.get(Stack.persister("/alert-webhook.schema.json")).body();
    return SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12)
        .getSchema(JSON.readTree(text));
  }

  private static String hmac(String secret, byte[] body) throws Exception {
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
    return HexFormat.of().formatHex(mac.doFinal(body));
  }
}
