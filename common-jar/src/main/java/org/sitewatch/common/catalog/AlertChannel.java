package org.sitewatch.common.catalog;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A place notifications go, as the sites file's {@code alerting.channels} names it. Secrets stay on
 * the server that sends: a channel names the MicroProfile Config property (or environment variable)
 * that holds its secret, never the secret itself.
 *
 * @param name its name in the sites file, unique there
 * @param type how it is reached
 * @param url a webhook's URL; empty for the other types
 * @param urlEnv the variable holding a Slack incoming webhook's URL (it embeds its token)
 * @param secretEnv the variable holding a webhook's HMAC-SHA256 signing secret, if it is signed
 * @param to an email channel's recipients
 */
public record AlertChannel(
    String name,
    Type type,
    Optional<String> url,
    Optional<String> urlEnv,
    Optional<String> secretEnv,
    List<String> to) {

  public enum Type {
    WEBHOOK,
    SLACK,
    EMAIL
  }

  public AlertChannel {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(type, "type");
    to = List.copyOf(to);
  }
}
