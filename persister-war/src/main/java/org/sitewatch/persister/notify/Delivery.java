package org.sitewatch.persister.notify;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import org.sitewatch.common.catalog.AlertChannel;

/**
 * One message to one channel: a single notification, or a digest of several when many are due at
 * once. Each notification inside keeps its own idempotency key.
 */
public record Delivery(AlertChannel channel, List<Notification> notifications) {

  public Delivery {
    notifications = List.copyOf(notifications);
    if (notifications.isEmpty()) {
      throw new IllegalArgumentException("a delivery needs at least one notification");
    }
  }

  public boolean isDigest() {
    return notifications.size() > 1;
  }

  /**
   * The notification's own key, or for a digest one derived from its members' keys (in any order),
   * so a digest sent again with the same members carries the same key.
   */
  public String idempotencyKey() {
    if (!isDigest()) {
      return notifications.get(0).idempotencyKey();
    }
    String members =
        String.join(
            "\n", notifications.stream().map(Notification::idempotencyKey).sorted().toList());
    try {
      byte[] hash =
          MessageDigest.getInstance("SHA-256").digest(members.getBytes(StandardCharsets.UTF_8));
      return "digest-" + HexFormat.of().formatHex(hash, 0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }

  public List<Notice> notices() {
    return notifications.stream().map(Notification::notice).toList();
  }
}
