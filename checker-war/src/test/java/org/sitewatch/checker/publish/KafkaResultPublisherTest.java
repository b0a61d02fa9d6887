package org.sitewatch.checker.publish;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.inject.Inject;
import java.lang.reflect.Constructor;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinWorkerThread;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.sitewatch.common.serde.CheckResultCodec;

class KafkaResultPublisherTest {

  /**
   * The check-results emitter while the broker is away: it holds what it is sent, up to the buffer
   * size the publisher declares for it, and refuses more, as the real one does; once the broker is
   * back it acknowledges what it holds and everything after.
   */
  private static final class OutageEmitter implements Emitter<ProducerRecord<String, byte[]>> {
    private final int bufferSize = declaredBufferSize();
    private final List<Message<?>> held = new ArrayList<>();
    private boolean brokerUp;

    @Override
    public <M extends Message<? extends ProducerRecord<String, byte[]>>> void send(M message) {
      synchronized (this) {
        if (!brokerUp) {
          if (held.size() >= bufferSize) {
            throw new IllegalStateException("the emitter's buffer of " + bufferSize + " is full");
          }
          held.add(message);
          return;
        }
      }
      message.ack();
    }

    void brokerBack() {
      List<Message<?>> acked;
      synchronized (this) {
        brokerUp = true;
        acked = List.copyOf(held);
        held.clear();
      }
      acked.forEach(Message::ack);
    }

    synchronized int held() {
      return held.size();
    }

    @Override
    public CompletionStage<Void> send(ProducerRecord<String, byte[]> payload) {
      throw new UnsupportedOperationException();
    }

    @Override
    public void complete() {}

    @Override
    public void error(Exception e) {}

    @Override
    public boolean isCancelled() {
      return false;
    }

    @Override
    public boolean hasRequests() {
      return brokerUp;
    }

    private static int declaredBufferSize() {
      for (Constructor<?> c : KafkaResultPublisher.class.getConstructors()) {
        if (c.isAnnotationPresent(Inject.class)) {
          return (int) c.getParameters()[0].getAnnotation(OnOverflow.class).bufferSize();
        }
      }
      throw new IllegalStateException("no @Inject constructor");
    }
  }

  private static final class PlainThreads implements ManagedThreadFactory {
    private volatile Thread sender;

    @Override
    public Thread newThread(Runnable task) {
      sender = new Thread(task, "publish-test-sender");
      return sender;
    }

    /** The sender has done all it can for now and waits (for capacity, or for results). */
    boolean senderWaits() {
      Thread.State state = sender.getState();
      return state == Thread.State.WAITING || state == Thread.State.TIMED_WAITING;
    }

    @Override
    public ForkJoinWorkerThread newThread(ForkJoinPool pool) {
      throw new UnsupportedOperationException();
    }
  }

  private final OutageEmitter emitter = new OutageEmitter();
  private final PlainThreads threads = new PlainThreads();
  private KafkaResultPublisher publisher;

  private KafkaResultPublisher start(String bufferBytes) {
    publisher = new KafkaResultPublisher(emitter, "check-results", bufferBytes);
    publisher.threads = threads;
    publisher.start();
    return publisher;
  }

  @AfterEach
  void stop() {
    emitter.brokerBack();
    publisher.flush();
  }

  @Test
  void anOutageLongerThanTheEmittersOwnBufferLosesNothingWithinTheBound() {
    start("64MiB");
    int results = emitter.bufferSize + 2_000;

    for (int i = 0; i < results; i++) {
      publisher.publish(TypicalResults.next());
    }
    await(
        () -> emitter.held() == emitter.bufferSize && threads.senderWaits(),
        "the emitter's buffer filled up and the sender stopped");
    emitter.brokerBack();
    await(() -> publisher.pendingCount() == 0, "everything was acknowledged");

    assertEquals(0, publisher.droppedCount(), "nothing dropped: the sender waited for the emitter");
    assertEquals(results, publisher.deliveredCount(), "every result delivered");
  }

  @Test
  void pastTheByteBoundEachLostResultIsCountedAndTheRestIsDelivered() {
    int cost = CheckResultCodec.encode(TypicalResults.next()).length + PublishBuffer.ENTRY_OVERHEAD;
    int fit = 3 * KafkaResultPublisher.IN_FLIGHT;
    start(Long.toString((long) fit * cost));

    for (int i = 0; i < fit + 7; i++) {
      publisher.publish(TypicalResults.next());
    }

    assertEquals(7, publisher.droppedCount(), "only the results past the bound are dropped");
    assertEquals(fit, publisher.pendingCount(), "queued and in flight, all within the bound");
    emitter.brokerBack();
    await(() -> publisher.pendingCount() == 0, "everything held was acknowledged");
    assertEquals(fit, publisher.deliveredCount());
  }

  @Test
  void shutdownWaitsForTheAcknowledgementsThenRefusesNewResults() throws Exception {
    start("64MiB");
    for (int i = 0; i < 10; i++) {
      publisher.publish(TypicalResults.next());
    }
    CompletableFuture<Void> flushed = CompletableFuture.runAsync(publisher::flush);
    assertThrows(
        TimeoutException.class,
        () -> flushed.get(300, TimeUnit.MILLISECONDS),
        "the flush waits while results are not acknowledged");

    emitter.brokerBack();

    flushed.get(5, TimeUnit.SECONDS);
    assertEquals(10, publisher.deliveredCount(), "all acknowledged before the flush returned");
    publisher.publish(TypicalResults.next());
    assertEquals(1, publisher.droppedCount(), "a result published after the flush is counted");
  }

  private static void await(BooleanSupplier condition, String what) {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (!condition.getAsBoolean()) {
      assertTrue(System.nanoTime() < deadline, "within 10 s: " + what);
      Thread.onSpinWait();
    }
  }
}
