package org.sitewatch.persister.notify;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.sitewatch.common.catalog.AlertChannel;

/**
 * The channel for each type: webhook and Slack are HTTP requests of their own shape through the
 * REST client, mail goes through Jakarta Mail.
 */
@ApplicationScoped
public class Channels {

  @Inject RestClientPoster http;

  @Inject SmtpMailChannel mail;

  @Inject ChannelSecrets secrets;

  @Inject AlertSettings settings;

  public Channel of(AlertChannel.Type type) {
    return switch (type) {
      case WEBHOOK ->
          delivery ->
              http.post(
                  WebhookPost.of(
                      delivery, secrets.signingKey(delivery.channel()), settings.links()));
      case SLACK ->
          delivery ->
              http.post(
                  SlackPost.of(delivery, secrets.slackUrl(delivery.channel()), settings.links()));
      case EMAIL -> mail;
    };
  }
}
