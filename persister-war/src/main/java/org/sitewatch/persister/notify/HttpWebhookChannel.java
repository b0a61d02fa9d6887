package org.sitewatch.persister.notify;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.sitewatch.common.catalog.AlertChannel;

/**
 * The generic webhook: the documented JSON body, signed with the channel's secret when it names
 * one, and the delivery's idempotency key in a header.
 */
@ApplicationScoped
public class HttpWebhookChannel implements Channel {

  static final String IDEMPOTENCY_HEADER = "X-Sitewatch-Idempotency-Key";

  @Inject JsonPoster poster;

  @Inject ChannelSecrets secrets;

  @Inject AlertSettings settings;

  @Override
  public void send(Delivery delivery) throws DeliveryException {
    AlertChannel channel = delivery.channel();
    URI url =
        URI.create(
            channel
                .url()
                .orElseThrow(
                    () -> new DeliveryException("channel " + channel.name() + " has no url")));
    byte[] body = WebhookBody.of(delivery, settings.links());
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put(IDEMPOTENCY_HEADER, delivery.idempotencyKey());
    Optional<String> secretName = channel.secretEnv();
    if (secretName.isPresent()) {
      headers.put(
          WebhookSignature.HEADER,
          WebhookSignature.of(secrets.require(secretName.get(), channel.name()), body));
    }
    poster.post(url, body, headers);
  }
}
