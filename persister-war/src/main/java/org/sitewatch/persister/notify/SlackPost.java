package org.sitewatch.persister.notify;

import jakarta.json.Json;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.util.Map;

/** A Slack-compatible incoming webhook's request: {@code {"text": …}}. */
final class SlackPost {

  private SlackPost() {}

  /**
   * @param url the webhook's URL, its token included
   */
  static HttpPost of(Delivery delivery, URI url, SiteLinks links) {
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    Json.createWriter(body)
        .writeObject(Json.createObjectBuilder().add("text", SlackText.of(delivery, links)).build());
    return new HttpPost(url, body.toByteArray(), Map.of());
  }
}
