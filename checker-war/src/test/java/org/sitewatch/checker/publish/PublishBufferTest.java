package org.sitewatch.checker.publish;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;

class PublishBufferTest {

  private static final int COST = 100 + PublishBuffer.ENTRY_OVERHEAD;

  private static PublishBuffer.Entry entry(int bytes) {
    return new PublishBuffer.Entry("site", new byte[bytes]);
  }

  @Test
  void theBoundIsBytesOfPayloadPlusTheOverheadOfEachEntry() {
    PublishBuffer buffer = new PublishBuffer(10L * COST, 5);
    for (int i = 0; i < 10; i++) {
      assertTrue(buffer.offer(entry(100)), "entry " + i + " of 10 fits");
    }
    assertFalse(buffer.offer(entry(1)), "the 11th does not, not even one byte");
    assertEquals(10L * COST, buffer.usedBytes());
    assertEquals(10, buffer.entries());
  }

  @Test
  void aLargeResultIsRefusedWhileSmallOnesStillFit() {
    PublishBuffer buffer = new PublishBuffer(4L * COST, 5);
    assertTrue(buffer.offer(entry(100)));
    assertFalse(buffer.offer(entry(3 * COST)), "a large entry that would pass the bound");
    assertTrue(buffer.offer(entry(100)), "small entries that fit are still taken");
    assertTrue(buffer.offer(entry(100)));
    assertEquals(3, buffer.entries());
  }

  @Test
  void entriesInFlightCountUntilReleased() throws Exception {
    PublishBuffer buffer = new PublishBuffer(2L * COST, 5);
    buffer.offer(entry(100));
    buffer.offer(entry(100));
    PublishBuffer.Entry sent = buffer.take();
    assertFalse(buffer.offer(entry(100)), "taken but not acknowledged still counts");
    assertEquals(2, buffer.entries());

    buffer.release(sent);

    assertTrue(buffer.offer(entry(100)), "released bytes are free again");
  }

  @Test
  void takeWaitsWhileTheMostEntriesAreInFlight() throws Exception {
    PublishBuffer buffer = new PublishBuffer(10L * COST, 1);
    PublishBuffer.Entry first = entry(100);
    PublishBuffer.Entry second = entry(100);
    buffer.offer(first);
    buffer.offer(second);
    assertSame(first, buffer.take());

    CompletableFuture<PublishBuffer.Entry> next = takeInBackground(buffer);
    assertThrows(
        TimeoutException.class,
        () -> next.get(200, TimeUnit.MILLISECONDS),
        "no second entry in flight before the first is released");
    buffer.release(first);

    assertSame(second, next.get(5, TimeUnit.SECONDS));
  }

  @Test
  void drainedOnlyOnceEveryEntryIsReleased() throws Exception {
    PublishBuffer buffer = new PublishBuffer(10L * COST, 5);
    buffer.offer(entry(100));
    PublishBuffer.Entry sent = buffer.take();
    assertFalse(
        buffer.awaitDrained(Duration.ofMillis(100)), "an entry in flight is not drained yet");

    CompletableFuture<Boolean> drained =
        CompletableFuture.supplyAsync(
            () -> {
              try {
                return buffer.awaitDrained(Duration.ofSeconds(30));
              } catch (InterruptedException e) {
                throw new IllegalStateException(e);
              }
            });
    buffer.release(sent);

    assertTrue(drained.get(5, TimeUnit.SECONDS), "released well before the 30 s bound");
  }

  @Test
  void closedTakeHandsOutWhatIsLeftThenNull() throws Exception {
    PublishBuffer buffer = new PublishBuffer(10L * COST, 5);
    PublishBuffer.Entry left = entry(100);
    buffer.offer(left);
    CompletableFuture<PublishBuffer.Entry> waiting = takeInBackground(buffer);
    assertSame(left, waiting.get(5, TimeUnit.SECONDS));
    CompletableFuture<PublishBuffer.Entry> afterClose = takeInBackground(buffer);

    buffer.close();

    assertNull(afterClose.get(5, TimeUnit.SECONDS), "a closed, empty buffer ends the sender");
  }

  private static CompletableFuture<PublishBuffer.Entry> takeInBackground(PublishBuffer buffer) {
    return CompletableFuture.supplyAsync(
        () -> {
          try {
            return buffer.take();
          } catch (InterruptedException e) {
            throw new IllegalStateException(e);
          }
        });
  }
}
