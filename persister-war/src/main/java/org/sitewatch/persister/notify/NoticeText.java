package org.sitewatch.persister.notify;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** A notice in plain words: one line for chat, a block of labelled lines for mail. */
final class NoticeText {

  private static final DateTimeFormatter WHEN =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'", Locale.ROOT)
          .withZone(ZoneOffset.UTC);

  private NoticeText() {}

  static String line(Notice notice, SiteLinks links) {
    String site = notice.siteName() + " (" + notice.siteUrl() + ")";
    String page = " " + links.page(notice.siteId());
    return switch (notice.kind()) {
      case DOWN ->
          "DOWN: " + site + ": " + why(notice) + ", since " + when(notice.openedAt()) + page;
      case RESOLVED ->
          "RESOLVED: "
              + site
              + " is back UP, down for "
              + downFor(notice)
              + " since "
              + when(notice.openedAt())
              + page;
      case REMINDER ->
          "REMINDER: "
              + site
              + " is still DOWN since "
              + when(notice.openedAt())
              + ": "
              + why(notice)
              + page;
    };
  }

  static String block(Notice notice, SiteLinks links) {
    StringBuilder text = new StringBuilder();
    switch (notice.kind()) {
      case DOWN -> text.append(notice.siteName()).append(" is DOWN\n");
      case RESOLVED -> text.append(notice.siteName()).append(" is back UP\n");
      case REMINDER ->
          text.append(notice.siteName())
              .append(" is still DOWN")
              .append(notice.reminder().map(n -> " (reminder " + n + ")").orElse(""))
              .append('\n');
    }
    label(text, "Site", notice.siteName() + " (" + notice.siteId() + "), " + notice.siteUrl());
    if (notice.kind() == NotificationKind.RESOLVED) {
      label(text, "Back up at", notice.resolvedAt().map(NoticeText::when).orElse("unknown"));
      label(text, "Was down", "since " + when(notice.openedAt()) + ", for " + downFor(notice));
    } else {
      label(text, "Reason", why(notice));
      label(text, "Down since", when(notice.openedAt()));
    }
    label(text, "Last result", lastResult(notice));
    label(text, "Page", links.page(notice.siteId()));
    return text.toString();
  }

  private static void label(StringBuilder text, String label, String value) {
    text.append(String.format(Locale.ROOT, "%-12s %s%n", label + ":", value));
  }

  private static String why(Notice notice) {
    String reason = notice.reason().orElse("unknown reason");
    return notice.message().map(message -> reason + ": " + message).orElse(reason);
  }

  private static String lastResult(Notice notice) {
    StringBuilder result = new StringBuilder(when(notice.resultAt()));
    notice.httpStatus().ifPresent(status -> result.append(", HTTP ").append(status));
    result.append(String.format(Locale.ROOT, ", %.0f ms", notice.durationMs()));
    return result.toString();
  }

  private static String downFor(Notice notice) {
    Duration down =
        Duration.between(notice.openedAt(), notice.resolvedAt().orElse(notice.resultAt()));
    long seconds = Math.max(0, down.toSeconds());
    if (seconds < 60) {
      return seconds + "s";
    }
    if (seconds < 3600) {
      return seconds / 60 + "m " + seconds % 60 + "s";
    }
    return seconds / 3600 + "h " + seconds % 3600 / 60 + "m";
  }

  static String when(Instant at) {
    return WHEN.format(at);
  }
}
