package org.sitewatch.persister.notify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class DeliveryTest {

  private final Notification a = Fixtures.notification(1, Fixtures.down("a"));
  private final Notification b = Fixtures.notification(2, Fixtures.down("b"));
  private final Notification c = Fixtures.notification(3, Fixtures.down("c"));

  @Test
  void oneNotificationKeepsItsKey() {
    assertEquals("7-DOWN-1", new Delivery(Fixtures.HOOK, List.of(a)).idempotencyKey());
  }

  @Test
  void aDigestsKeyComesFromItsMembersInAnyOrder() {
    String key = new Delivery(Fixtures.HOOK, List.of(a, b)).idempotencyKey();

    assertTrue(key.matches("digest-[0-9a-f]{32}"), key);
    assertEquals(key, new Delivery(Fixtures.HOOK, List.of(b, a)).idempotencyKey());
    assertNotEquals(key, new Delivery(Fixtures.HOOK, List.of(a, b, c)).idempotencyKey());
  }
}
