package org.sitewatch.persister.notify;

import java.util.stream.Collectors;

/** An alert mail's subject and plain-text body. */
record MailText(String subject, String body) {

  static MailText of(Delivery delivery, SiteLinks links) {
    String body =
        delivery.notices().stream()
            .map(notice -> NoticeText.block(notice, links))
            .collect(Collectors.joining("\n"));
    String preface = delivery.isDigest() ? Headline.of(delivery) + ". Each site follows.\n\n" : "";
    return new MailText(
        "[Sitewatch] " + Headline.of(delivery),
        preface + body + "\n-- \nSitewatch; notification " + delivery.idempotencyKey() + "\n");
  }
}
