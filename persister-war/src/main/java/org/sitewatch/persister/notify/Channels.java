package org.sitewatch.persister.notify;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.sitewatch.common.catalog.AlertChannel;

/** The adapter for each type of channel. */
@ApplicationScoped
public class Channels {

  @Inject HttpWebhookChannel webhook;

  @Inject SlackWebhookChannel slack;

  @Inject SmtpMailChannel mail;

  public Channel of(AlertChannel.Type type) {
    return switch (type) {
      case WEBHOOK -> webhook;
      case SLACK -> slack;
      case EMAIL -> mail;
    };
  }
}
