package org.sitewatch.persister.notify;

import java.util.ArrayList;
import java.util.List;

/**
 * What a delivery is about in a few words, for a mail's subject and a chat message's first line:
 * {@code DOWN: Example Domain}, or for a digest {@code 12 sites DOWN, 3 back UP}.
 */
final class Headline {

  private Headline() {}

  static String of(Delivery delivery) {
    List<Notice> notices = delivery.notices();
    if (notices.size() == 1) {
      Notice notice = notices.get(0);
      return notice.kind().name() + ": " + notice.siteName();
    }
    List<String> parts = new ArrayList<>();
    count(parts, notices, NotificationKind.DOWN, "DOWN");
    count(parts, notices, NotificationKind.RESOLVED, "back UP");
    count(parts, notices, NotificationKind.REMINDER, "still DOWN");
    return String.join(", ", parts);
  }

  private static void count(
      List<String> parts, List<Notice> notices, NotificationKind kind, String words) {
    long n = notices.stream().filter(notice -> notice.kind() == kind).count();
    if (n > 0) {
      parts.add(n + (n == 1 ? " site " : " sites ") + words);
    }
  }
}
