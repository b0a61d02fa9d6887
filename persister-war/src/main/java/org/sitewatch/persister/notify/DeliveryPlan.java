package org.sitewatch.persister.notify;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.sitewatch.common.catalog.AlertChannel;

/**
 * Turns the notifications claimed in one poll into messages, per channel: one message each while
 * they are few and the channel's budget allows, otherwise one digest of them all.
 */
final class DeliveryPlan {

  private DeliveryPlan() {}

  /**
   * @param digestAfter more notifications than this for one channel at once go as a digest
   * @return per channel, the messages to send in order; the budget is spent on them
   */
  static Map<AlertChannel, List<Delivery>> of(
      List<Notification> claimed, SendBudget budget, int digestAfter) {
    Map<AlertChannel, List<Notification>> byChannel = new LinkedHashMap<>();
    for (Notification notification : claimed) {
      byChannel.computeIfAbsent(notification.channel(), c -> new ArrayList<>()).add(notification);
    }
    Map<AlertChannel, List<Delivery>> plan = new LinkedHashMap<>();
    byChannel.forEach(
        (channel, notifications) -> {
          int n = notifications.size();
          List<Delivery> deliveries;
          if (n <= digestAfter && n <= budget.remaining(channel.name())) {
            deliveries =
                notifications.stream().map(one -> new Delivery(channel, List.of(one))).toList();
          } else {
            deliveries = List.of(new Delivery(channel, notifications));
          }
          budget.spend(channel.name(), deliveries.size());
          plan.put(channel, deliveries);
        });
    return plan;
  }
}
