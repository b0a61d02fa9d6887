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
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;
import org.sitewatch.common.CheckResult;

/**
 * Sends results to Kafka through the {@code check-results} channel. The payload is a ProducerRecord
 * so the liberty-kafka connector keys the record by site id, which keeps one site's results in
 * order on one partition.
 *
 * <p>Handing a record to the connector can block (the Kafka producer waits for metadata while the
 * broker is away), so results first go into a bounded queue that one sender thread drains: probes
 * and their timeouts never wait on Kafka. The queue ({@code sitewatch.publish.buffer}) plus the
 * producer's buffer.memory are the bound of an outage; past it every lost result is counted and
 * logged.
 */
@ApplicationScoped
public class KafkaResultPublisher implements ResultPublisher, PublishStats {

  private static final Logger LOG = Logger.getLogger(KafkaResultPublisher.class.getName());
  private static final Duration FLUSH_WAIT = Duration.ofSeconds(30);

  private final Emitter<ProducerRecord<String, CheckResult>> emitter;
  private final String topic;
  private final BlockingQueue<CheckResult> queue;
  private final AtomicLong published = new AtomicLong();
  private final AtomicLong delivered = new AtomicLong();
  private final DropReport drops = new DropReport(Clock.systemUTC(), Duration.ofSeconds(30));

  @Resource private ManagedThreadFactory threads;
  private Thread sender;
  private volatile boolean closing;
  private volatile boolean deadStreamLogged;

  @Inject
  public KafkaResultPublisher(
      @Channel("check-results") @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = 10_000)
          Emitter<ProducerRecord<String, CheckResult>> emitter,
      @ConfigProperty(name = "mp.messaging.outgoing.check-results.topic") String topic,
      @ConfigProperty(name = "sitewatch.publish.buffer") int buffer) {
    this.emitter = emitter;
    this.topic = topic;
    this.queue = new ArrayBlockingQueue<>(buffer);
  }

  /** For CDI's proxy. */
  protected KafkaResultPublisher() {
    this.emitter = null;
    this.topic = null;
    this.queue = null;
  }

  @PostConstruct
  void start() {
    sender = threads.newThread(this::drain);
    sender.start();
  }

  @Override
  public void publish(CheckResult result) {
    published.incrementAndGet();
    if (closing || !queue.offer(result)) {
      drop(result, closing ? "the checker is stopping" : "the publish buffer is full");
    }
  }

  private void drain() {
    try {
      while (!closing || !queue.isEmpty()) {
        CheckResult result = queue.poll(200, TimeUnit.MILLISECONDS);
        if (result != null) {
          send(result);
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void send(CheckResult result) {
    try {
      emitter.send(
          Message.of(
              new ProducerRecord<>(topic, result.siteId(), result),
              () -> {
                delivered.incrementAndGet();
                return CompletableFuture.completedFuture(null);
              },
              failure -> {
                drop(result, failure.toString());
                return CompletableFuture.completedFuture(null);
              }));
    } catch (RuntimeException e) {
      drop(result, "not accepted by the channel: " + e);
    }
  }

  private void drop(CheckResult result, String reason) {
    drops
        .dropped(result.siteId(), reason)
        .ifPresent(line -> LOG.log(Level.WARNING, "Results lost: {0}", line));
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
    long deadline = System.nanoTime() + FLUSH_WAIT.toNanos();
    try {
      sender.join(FLUSH_WAIT.toMillis());
      while (pendingCount() > 0 && System.nanoTime() < deadline) {
        Thread.sleep(50);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (pendingCount() > 0) {
      LOG.log(
          Level.WARNING,
          "Stopping with {0} results not acknowledged by Kafka after {1} s",
          new Object[] {pendingCount(), FLUSH_WAIT.toSeconds()});
    }
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
    return published.get() - delivered.get() - drops.total();
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
