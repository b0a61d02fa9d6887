package org.sitewatch.persister.notify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class HttpPostTest {

  private final Delivery delivery =
      new Delivery(Fixtures.HOOK, List.of(Fixtures.notification(1, Fixtures.down("a"))));

  @Test
  void aWebhookIsSignedOverItsExactBodyAndCarriesTheKey() throws Exception {
    HttpPost post = WebhookPost.of(delivery, Optional.of("s3cret"), Fixtures.LINKS);

    assertEquals("https://hooks.example.net/sitewatch", post.url().toString());
    assertEquals("7-DOWN-1", post.headers().get("X-Sitewatch-Idempotency-Key"));
    assertEquals(
        WebhookSignature.of("s3cret", post.body()), post.headers().get("X-Sitewatch-Signature"));
  }

  @Test
  void aWebhookWithoutSigningKeyIsNotSigned() throws Exception {
    HttpPost post = WebhookPost.of(delivery, Optional.empty(), Fixtures.LINKS);

    assertFalse(post.headers().containsKey("X-Sitewatch-Signature"));
  }

  @Test
  void aSlackMessageIsItsTextAsJson() {
    HttpPost post =
        SlackPost.of(delivery, URI.create("https://hooks.slack.test/T/B/x"), Fixtures.LINKS);

    String text =
        Json.createReader(new ByteArrayInputStream(post.body())).readObject().getString("text");
    assertTrue(text.startsWith("Sitewatch DOWN: Example a "), text);
    assertTrue(post.headers().isEmpty());
  }
}
