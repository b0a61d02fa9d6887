package org.sitewatch.persister.notify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class MessageTextTest {

  private static Delivery one(Notice notice) {
    return new Delivery(Fixtures.HOOK, List.of(Fixtures.notification(1, notice)));
  }

  @Test
  void aDownMailNamesSiteReasonSinceLastResultAndPage() {
    MailText mail = MailText.of(one(Fixtures.down("example")), Fixtures.LINKS);

    assertEquals("[Sitewatch] DOWN: Example example", mail.subject());
    String body = mail.body();
    assertTrue(body.contains("Example example is DOWN"), body);
    assertTrue(body.contains("https://example.example.com"), body);
    assertTrue(body.contains("Reason:      HTTP_STATUS: HTTP 503"), body);
    assertTrue(body.contains("Down since:  2026-12-04 21:00:00 UTC"), body);
    assertTrue(body.contains("Last result: 2026-12-04 21:00:30 UTC, HTTP 503, 121 ms"), body);
    assertTrue(
        body.contains("Page:        http://localhost:9081/status/site.html?id=example"), body);
  }

  @Test
  void aResolvedMailSaysForHowLong() {
    MailText mail = MailText.of(one(Fixtures.resolved("example")), Fixtures.LINKS);

    assertEquals("[Sitewatch] RESOLVED: Example example", mail.subject());
    assertTrue(mail.body().contains("for 5m 30s"), mail.body());
  }

  @Test
  void aDigestCountsInItsSubjectAndListsEverySite() {
    List<Notification> notifications = new ArrayList<>();
    for (int i = 0; i < 12; i++) {
      notifications.add(Fixtures.notification(i, Fixtures.down("down" + i)));
    }
    for (int i = 0; i < 3; i++) {
      notifications.add(Fixtures.notification(20 + i, Fixtures.resolved("up" + i)));
    }
    Delivery digest = new Delivery(Fixtures.HOOK, notifications);

    MailText mail = MailText.of(digest, Fixtures.LINKS);
    String slack = SlackText.of(digest, Fixtures.LINKS);

    assertEquals("[Sitewatch] 12 sites DOWN, 3 sites back UP", mail.subject());
    assertTrue(slack.startsWith("Sitewatch: 12 sites DOWN, 3 sites back UP\n"), slack);
    for (int i = 0; i < 12; i++) {
      assertTrue(mail.body().contains("Example down" + i + " is DOWN"), "mail names down" + i);
      assertTrue(slack.contains("DOWN: Example down" + i + " "), "Slack names down" + i);
    }
    assertEquals(16, slack.lines().count(), "a headline and a line per site");
  }

  @Test
  void aSlackMessageIsOneLine() {
    String text = SlackText.of(one(Fixtures.down("example")), Fixtures.LINKS);

    assertEquals(
        "Sitewatch DOWN: Example example (https://example.example.com): HTTP_STATUS: HTTP 503,"
            + " since 2026-12-04 21:00:00 UTC http://localhost:9081/status/site.html?id=example",
        text);
  }
}
