package org.sitewatch.persister.notify;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The generic webhook's request: the documented JSON body to the channel's URL, the delivery's
 * idempotency key in a header, and the body's signature when the channel has a signing key.
 */
final class WebhookPost {

  static final String IDEMPOTENCY_HEADER = "X-Sitewatch-Idempotency-Key";

  private WebhookPost() {}

  static HttpPost of(Delivery delivery, Optional<String> signingKey, SiteLinks links)
      throws DeliveryException {
    String channel = delivery.channel().name();
    URI url =
        URI.create(
            delivery
                .channel()
                .url()
                .orElseThrow(() -> new DeliveryException("channel " + channel + " has no url")));
    byte[] body = WebhookBody.of(delivery, links);
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put(IDEMPOTENCY_HEADER, delivery.idempotencyKey());
    signingKey.ifPresent(
        key -> headers.put(WebhookSignature.HEADER, WebhookSignature.of(key, body)));
    return new HttpPost(url, body, headers);
  }
}
