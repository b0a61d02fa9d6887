package org.sitewatch.persister.notify;

import java.util.stream.Collectors;

/**
 * A Slack-compatible incoming webhook's {@code text}: one line for one notification; for a digest
 * its headline and a line per site.
 */
final class SlackText {

  private SlackText() {}

  static String of(Delivery delivery, SiteLinks links) {
    if (!delivery.isDigest()) {
      return "Sitewatch " + NoticeText.line(delivery.notices().get(0), links);
    }
    return "Sitewatch: "
        + Headline.of(delivery)
        + "\n"
        + delivery.notices().stream()
            .map(notice -> "- " + NoticeText.line(notice, links))
            .collect(Collectors.joining("\n"));
  }
}
