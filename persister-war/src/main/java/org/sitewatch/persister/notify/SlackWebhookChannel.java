package org.sitewatch.persister.notify;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.util.Map;
import org.sitewatch.common.catalog.AlertChannel;

/**
 * A Slack-compatible incoming webhook ({@code {"text": …}}), whose URL, token included, comes from
 * this server's config under the channel's {@code urlEnv}.
 */
@ApplicationScoped
public class SlackWebhookChannel implements Channel {

  @Inject JsonPoster poster;

  @Inject ChannelSecrets secrets;

  @Inject AlertSettings settings;

  @Override
  public void send(Delivery delivery) throws DeliveryException {
    AlertChannel channel = delivery.channel();
    String urlName =
        channel
            .urlEnv()
            .orElseThrow(
                () -> new DeliveryException("channel " + channel.name() + " has no urlEnv"));
    URI url;
    try {
      url = URI.create(secrets.require(urlName, channel.name()));
    } catch (IllegalArgumentException e) {
      throw new DeliveryException("channel " + channel.name() + ": " + urlName + " is no URL");
    }
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    Json.createWriter(body)
        .writeObject(
            Json.createObjectBuilder()
                .add("text", SlackText.of(delivery, settings.links()))
                .build());
    poster.post(url, body.toByteArray(), Map.of());
  }
}
