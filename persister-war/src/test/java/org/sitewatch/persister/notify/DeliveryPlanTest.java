package org.sitewatch.persister.notify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.sitewatch.common.catalog.AlertChannel;

class DeliveryPlanTest {

  private final AtomicLong clock = new AtomicLong();
  private final SendBudget budget = new SendBudget(5, Duration.ofSeconds(10), clock::get);

  private static List<Notification> downs(int n, AlertChannel channel, int firstId) {
    List<Notification> list = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      list.add(Fixtures.notification(firstId + i, channel, Fixtures.down("s" + (firstId + i))));
    }
    return list;
  }

  @Test
  void aFewDueAtOnceGoOneByOne() {
    Map<AlertChannel, List<Delivery>> plan = DeliveryPlan.of(downs(3, Fixtures.HOOK, 1), budget, 5);

    assertEquals(3, plan.get(Fixtures.HOOK).size(), "one message each");
    assertEquals(2, budget.remaining("ops-hook"));
  }

  @Test
  void manyDueAtOnceGoAsOneDigestNamingThemAll() {
    Map<AlertChannel, List<Delivery>> plan =
        DeliveryPlan.of(downs(200, Fixtures.HOOK, 1), budget, 5);

    assertEquals(1, plan.get(Fixtures.HOOK).size(), "one digest");
    assertEquals(200, plan.get(Fixtures.HOOK).get(0).notifications().size());
  }

  @Test
  void aThousandOverTenSecondsGiveAHandfulOfMessages() {
    int messages = 0;
    int notified = 0;
    List<Notification> waiting = new ArrayList<>();
    int id = 0;
    // 25 new every 250 ms for 10 s, then polls go on until everything is out.
    for (int poll = 0; poll < 160; poll++) {
      if (poll < 40) {
        waiting.addAll(downs(25, Fixtures.HOOK, id));
        id += 25;
      }
      if (!waiting.isEmpty() && !budget.exhausted().contains("ops-hook")) {
        List<Delivery> sent = DeliveryPlan.of(waiting, budget, 5).get(Fixtures.HOOK);
        messages += sent.size();
        notified += sent.stream().mapToInt(d -> d.notifications().size()).sum();
        waiting.clear();
      }
      clock.addAndGet(Duration.ofMillis(250).toNanos());
    }

    assertEquals(1000, notified, "every notification sent");
    assertTrue(messages <= 8, "a handful of messages, got " + messages);
  }

  @Test
  void eachChannelHasItsOwnBudget() {
    AlertChannel other =
        new AlertChannel(
            "chat",
            AlertChannel.Type.SLACK,
            Optional.empty(),
            Optional.of("URL"),
            Optional.empty(),
            List.of());
    DeliveryPlan.of(downs(5, Fixtures.HOOK, 1), budget, 5);

    assertEquals(Set.of("ops-hook"), budget.exhausted());
    assertEquals(2, DeliveryPlan.of(downs(2, other, 10), budget, 5).get(other).size());
  }

  @Test
  void theBudgetComesBackAsTheWindowSlides() {
    DeliveryPlan.of(downs(5, Fixtures.HOOK, 1), budget, 5);
    assertEquals(0, budget.remaining("ops-hook"));

    clock.addAndGet(Duration.ofSeconds(10).toNanos());

    assertEquals(5, budget.remaining("ops-hook"));
  }
}
