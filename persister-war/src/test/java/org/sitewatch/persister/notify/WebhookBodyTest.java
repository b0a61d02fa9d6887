package org.sitewatch.persister.notify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.ByteArrayInputStream;
import java.util.List;
import org.junit.jupiter.api.Test;

class WebhookBodyTest {

  private static JsonObject parse(byte[] body) {
    return Json.createReader(new ByteArrayInputStream(body)).readObject();
  }

  @Test
  void oneNotificationCarriesEveryFactAndItsLink() {
    Delivery delivery =
        new Delivery(Fixtures.HOOK, List.of(Fixtures.notification(1, Fixtures.down("a b"))));

    JsonObject body = parse(WebhookBody.of(delivery, Fixtures.LINKS));

    assertEquals(1, body.getInt("version"));
    assertEquals(1, body.getJsonArray("notifications").size(), "one notification");
    JsonObject n = body.getJsonArray("notifications").getJsonObject(0);
    assertEquals("7-DOWN-1", n.getString("idempotencyKey"));
    assertEquals("DOWN", n.getString("kind"));
    assertEquals("a b", n.getJsonObject("site").getString("id"));
    assertEquals("Example a b", n.getJsonObject("site").getString("name"));
    assertEquals("web", n.getJsonObject("site").getJsonObject("labels").getString("team"));
    assertEquals(7, n.getJsonObject("incident").getInt("id"));
    assertEquals("2026-12-04T21:00:00Z", n.getJsonObject("incident").getString("openedAt"));
    assertTrue(n.getJsonObject("incident").isNull("resolvedAt"), "open incident: null");
    assertEquals("HTTP_STATUS", n.getString("reason"));
    assertEquals(503, n.getInt("httpStatus"));
    assertEquals(120.5, n.getJsonNumber("durationMs").doubleValue());
    assertTrue(n.isNull("reminder"));
    assertEquals("http://localhost:9081/status/site.html?id=a+b", n.getString("link"));
  }

  @Test
  void aDigestListsEveryNotificationWithItsOwnKey() {
    Delivery digest =
        new Delivery(
            Fixtures.HOOK,
            List.of(
                Fixtures.notification(1, Fixtures.down("a")),
                Fixtures.notification(2, Fixtures.resolved("b"))));

    JsonObject body = parse(WebhookBody.of(digest, Fixtures.LINKS));

    assertEquals(2, body.getJsonArray("notifications").size());
    assertEquals(
        "7-RESOLVED-2",
        body.getJsonArray("notifications").getJsonObject(1).getString("idempotencyKey"));
    assertTrue(body.getJsonArray("notifications").getJsonObject(1).isNull("reason"));
  }
}
