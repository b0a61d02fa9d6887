package org.sitewatch.persister.notify;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Reads a channel's secret (a webhook's signing key, a Slack URL) from this server's MicroProfile
 * Config under the name the sites file gave, which covers environment variables. Read at each send,
 * so a variable set later is picked up; the value is never logged or stored.
 */
@ApplicationScoped
public class ChannelSecrets {

  /**
   * @throws DeliveryException naming the variable when this server does not have it
   */
  public String require(String name, String channel) throws DeliveryException {
    return ConfigProvider.getConfig()
        .getOptionalValue(name, String.class)
        .filter(value -> !value.isBlank())
        .orElseThrow(
            () ->
                new DeliveryException(
                    "channel "
                        + channel
                        + ": "
                        + name
                        + " is not set on this server (an environment variable or MicroProfile"
                        + " Config property of the persister)"));
  }
}
