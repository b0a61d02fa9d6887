package org.sitewatch.checker.publish;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Priority;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.BeforeDestroyed;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.Reception;
import jakarta.inject.Inject;
import jakarta.interceptor.Interceptor;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;
import org.sitewatch.checker.report.LossReport;
import org.sitewatch.common.CheckResult;
import org.sitewatch.common.serde.CheckResultCodec;

/**
 * Sends results to Kafka through the {@code check-results} channel. The payload is a ProducerRecord
 * so the liberty-kafka connector keys the record by site id, which keeps one site's results in
 * order on one partition; its value is the result encoded once, here, by {@link CheckResultCodec}
 * (the channel's serializer passes the bytes through).
 *
 * <p>Handing a record to the connector can block (the Kafka producer waits for metadata while the
 * broker is away), so results first go into a {@link PublishBuffer} that one sender thread drains:
 * probes and their timeouts never wait on Kafka. The buffer's bound ({@code
 * sitewatch.publish.buffer-bytes}) covers every encoded result from the moment it is published
 * until Kafka acknowledges or refuses it: the queue and the results in flight to the broker. At
 * most {@link #IN_FLIGHT} results are in flight, the size of the emitter's own buffer, so that
 * buffer only smooths the hand-over and never overflows: the sender waits instead. Not covered: the
 * producer's copy of those in-flight results in its batches (within its buffer.memory). Past the
 * bound every lost result is counted and logged.
 */
@ApplicationScoped
public class KafkaResultPublisher implements ResultPublisher, PublishStats {

  /** Results handed to the channel and not yet acknowledged or refused, at most. */
  static final int IN_FLIGHT = 1024;

  private static final Logger LOG = Logger.getLogger(KafkaResultPublisher.class.getName());
  private static final Duration FLUSH_WAIT = Duration.ofSeconds(30);
  private static final String BUFFER_BYTES = "sitewatch.publish.buffer-bytes";

  private final Emitter<ProducerRecord<String, byte[]>> emitter;
  private final String topic;
  private final PublishBuffer buffer;
  private final AtomicLong delivered = new AtomicLong();
  private final LossReport drops =
      new LossReport(Clock.systemUTC(), Duration.ofSeconds(30), "result(s) dropped");

  @Resource ManagedThreadFactory threads;
  private Thread sender;
  private volatile boolean closing;
  private volatile boolean deadStreamLogged;

  @Inject
  public KafkaResultPublisher(
      @Channel("check-results")
          @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = IN_FLIGHT)
          Emitter<ProducerRecord<String, byte[]>> emitter,
      @ConfigProperty(name = "mp.messaging.outgoing.check-results.topic") String topic,
      @ConfigProperty(name = BUFFER_BYTES) String bufferBytes) {
    this.emitter = emitter;
    this.topic = topic;
    this.buffer = new PublishBuffer(ByteSize.parse(BUFFER_BYTES, bufferBytes), IN_FLIGHT);
  }

  /** For CDI's proxy. */
  protected KafkaResultPublisher() {
    this.emitter = null;
    this.topic = null;
    this.buffer = null;
  }

  @PostConstruct
  void start() {
    sender = threads.newThread(this::drain);
    sender.start();
  }

  @Override
  public void publish(CheckResult result) {
    if (closing) {
      drop(result.siteId(), "the checker is stopping");
      return;
    }
    byte[] payload;
    try {
      payload = CheckResultCodec.encode(result);
    } catch (RuntimeException e) {
      drop(result.siteId(), "cannot be encoded: " + e);
      return;
    }
    if (!buffer.offer(new PublishBuffer.Entry(result.siteId(), payload))) {
      drop(result.siteId(), "the publish buffer is full");
    }
  }

  private void drain() {
    try {
      for (PublishBuffer.Entry entry = buffer.take(); entry != null; entry = buffer.take()) {
        send(entry);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void send(PublishBuffer.Entry entry) {
    try {
      emitter.send(
          Message.of(
              new ProducerRecord<>(topic, entry.key(), entry.payload()),
              () -> {
                delivered.incrementAndGet();
                buffer.release(entry);
                return CompletableFuture.completedFuture(null);
              },
              failure -> {
                drop(entry.key(), failure.toString());
                buffer.release(entry);
                return CompletableFuture.completedFuture(null);
              }));
    } catch (RuntimeException e) {
      drop(entry.key(), "not accepted by the channel: " + e);
      buffer.release(entry);
    }
  }

  private void drop(String siteId, String reason) {
    drops.lost(siteId, reason).ifPresent(line -> LOG.log(Level.WARNING, "Results lost: {0}", line));
  }

  /**
   * Flushes as soon as the application stops, after the probes in flight have finished (their
   * observer has the earlier priority) and before the messaging connector closes its producer.
   */
  void onShutdown(
      @Observes(notifyObserver = Reception.IF_EXISTS)
          @Priority(Interceptor.Priority.PLATFORM_BEFORE + 100)
          @BeforeDestroyed(ApplicationScoped.class)
          Object event) {
    flush();
  }

  /**
   * On shutdown, results already produced are handed to Kafka and acknowledged, within bounds. Runs
   * once; the second call (from {@link PreDestroy} after the shutdown event) finds it done.
   */
  @PreDestroy
  synchronized void flush() {
    if (closing) {
      return;
    }
    closing = true;
    buffer.close();
    try {
      if (buffer.awaitDrained(FLUSH_WAIT)) {
        return;
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    LOG.log(
        Level.WARNING,
        "Stopping with {0} results not acknowledged by Kafka after {1} s",
        new Object[] {pendingCount(), FLUSH_WAIT.toSeconds()});
  }

  @Override
  public long deliveredCount() {
    return delivered.get();
  }

  @Override
  public long droppedCount() {
    return drops.total();
  }

  @Override
  public long pendingCount() {
    return buffer.entries();
  }

  @Override
  public Optional<String> deadStream() {
    Optional<String> reason = Optional.empty();
    if (emitter.isCancelled()) {
      reason = Optional.of("the check-results channel's stream to Kafka has ended");
    } else if (!closing && !sender.isAlive()) {
      reason = Optional.of("the thread that hands results to the check-results channel has died");
    }
    if (reason.isPresent() && !deadStreamLogged) {
      deadStreamLogged = true;
      LOG.log(Level.SEVERE, "No result can reach Kafka until a restart: {0}", reason.get());
    }
    return reason;
  }
}
