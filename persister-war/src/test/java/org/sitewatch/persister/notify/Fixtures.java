package org.sitewatch.persister.notify;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.sitewatch.common.catalog.AlertChannel;

/** Notices and notifications as the outbox would give them. */
final class Fixtures {

  static final Instant OPENED = Instant.parse("2026-12-04T21:00:00Z");
  static final Instant RESULT = Instant.parse("2026-12-04T21:00:30Z");
  static final SiteLinks LINKS = new SiteLinks("http://localhost:9081/");
  static final AlertChannel HOOK =
      new AlertChannel(
          "ops-hook",
          AlertChannel.Type.WEBHOOK,
          Optional.of("https://hooks.example.net/sitewatch"),
          Optional.empty(),
          Optional.of("HOOK_SECRET"),
          List.of());

  private Fixtures() {}

  static Notice down(String siteId) {
    return new Notice(
        siteId,
        "Example " + siteId,
        "https://" + siteId + ".example.com",
        Map.of("team", "web"),
        7,
        NotificationKind.DOWN,
        OPENED,
        Optional.empty(),
        Optional.of("HTTP_STATUS"),
        Optional.of("HTTP 503"),
        RESULT,
        Optional.of(503),
        120.5,
        Optional.empty());
  }

  static Notice resolved(String siteId) {
    return new Notice(
        siteId,
        "Example " + siteId,
        "https://" + siteId + ".example.com",
        Map.of(),
        7,
        NotificationKind.RESOLVED,
        OPENED,
        Optional.of(OPENED.plusSeconds(330)),
        Optional.empty(),
        Optional.empty(),
        OPENED.plusSeconds(330),
        Optional.of(200),
        80,
        Optional.empty());
  }

  static Notification notification(long id, AlertChannel channel, Notice notice) {
    return new Notification(
        id, notice.incidentId() + "-" + notice.kind() + "-" + id, channel, notice, 1, RESULT);
  }

  static Notification notification(long id, Notice notice) {
    return notification(id, HOOK, notice);
  }
}
