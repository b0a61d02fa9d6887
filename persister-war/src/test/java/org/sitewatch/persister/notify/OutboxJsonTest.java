package org.sitewatch.persister.notify;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.sitewatch.common.catalog.AlertChannel;

class OutboxJsonTest {

  @Test
  void readsAChannelSpec() {
    AlertChannel mail =
        OutboxJson.channel(
            "{\"name\":\"ops-mail\",\"type\":\"EMAIL\",\"to\":[\"ops@example.net\"]}");

    assertEquals(
        new AlertChannel(
            "ops-mail",
            AlertChannel.Type.EMAIL,
            Optional.empty(),
            Optional.empty(),
            Optional.empty(),
            List.of("ops@example.net")),
        mail);
  }

  @Test
  void readsANoticeWithAndWithoutItsOptionalFacts() {
    Notice notice =
        OutboxJson.notice(
            "{\"siteId\":\"s\",\"siteName\":\"S\",\"siteUrl\":\"https://s\",\"labels\":{\"a\":\"b\"},"
                + "\"incidentId\":42,\"kind\":\"REMINDER\",\"openedAt\":\"2026-12-04T21:00:00Z\","
                + "\"reason\":\"TIMEOUT\",\"resultAt\":\"2026-12-04T22:00:00Z\","
                + "\"durationMs\":10000,\"reminder\":1}");

    assertEquals(Map.of("a", "b"), notice.labels());
    assertEquals(42, notice.incidentId());
    assertEquals(NotificationKind.REMINDER, notice.kind());
    assertEquals(Optional.empty(), notice.resolvedAt());
    assertEquals(Optional.empty(), notice.httpStatus());
    assertEquals(Optional.of(1), notice.reminder());
    assertEquals(Instant.parse("2026-12-04T22:00:00Z"), notice.resultAt());
  }
}
