package org.sitewatch.persister.notify;

import jakarta.enterprise.context.ApplicationScoped;
import java.net.URI;
import java.util.Optional;
import org.eclipse.microprofile.config.ConfigProvider;
import org.sitewatch.common.catalog.AlertChannel;

/**
 * Reads a channel's secrets (a webhook's signing key, a Slack URL) from this server's MicroProfile
 * Config under the names the sites file gave, which covers environment variables. Read at each
 * send, so a variable set later is picked up; a value is never logged or stored.
 */
@ApplicationScoped
public class ChannelSecrets {

  /** The webhook's signing key, when the channel names one ({@code secretEnv}). */
  public Optional<String> signingKey(AlertChannel channel) throws DeliveryException {
    return channel.secretEnv().isPresent()
        ? Optional.of(require(channel.secretEnv().get(), channel))
        : Optional.empty();
  }

  /** A Slack incoming webhook's URL, from the variable the channel names ({@code urlEnv}). */
  public URI slackUrl(AlertChannel channel) throws DeliveryException {
    String name =
        channel
            .urlEnv()
            .orElseThrow(
                () -> new DeliveryException("channel " + channel.name() + " has no urlEnv"));
    try {
      return URI.create(require(name, channel));
    } catch (IllegalArgumentException e) {
      throw new DeliveryException("channel " + channel.name() + ": " + name + " holds no URL");
    }
  }

  /** Why this server could not send through the channel now, if it could not: a variable unset. */
  public Optional<String> missing(AlertChannel channel) {
    try {
      signingKey(channel);
      if (channel.type() == AlertChannel.Type.SLACK) {
        slackUrl(channel);
      }
      return Optional.empty();
    } catch (DeliveryException e) {
      return Optional.of(e.getMessage());
    }
  }

  /**
   * @throws DeliveryException naming the variable when this server does not have it
   */
  String require(String name, AlertChannel channel) throws DeliveryException {
    Optional<String> value =
        ConfigProvider.getConfig().getOptionalValue(name, String.class).filter(v -> !v.isBlank());
    if (value.isEmpty()) {
      throw new DeliveryException(
          "channel "
              + channel.name()
              + ": "
              + name
              + " is not set on this server (an environment variable or MicroProfile Config"
              + " property of the persister)");
    }
    return value.get();
  }
}
