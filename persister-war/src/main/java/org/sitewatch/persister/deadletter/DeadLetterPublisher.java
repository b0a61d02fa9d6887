package org.sitewatch.persister.deadletter;

import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;
import org.sitewatch.support.retry.Backoff;

/**
 * Sets records aside on the dead-letter topic. Liberty's Kafka connector sends a ProducerRecord
 * payload as the record itself (key and headers included), with the channel's topic. A failed send
 * is retried with backoff until it succeeds: the original is acknowledged only after its dead
 * letter is written, so nothing is lost while Kafka refuses.
 */
@ApplicationScoped
public class DeadLetterPublisher {

  private static final Logger LOG = Logger.getLogger(DeadLetterPublisher.class.getName());

  private static final Duration FIRST_RETRY = Duration.ofSeconds(1);
  private static final Duration MAX_RETRY = Duration.ofSeconds(30);

  /**
   * Unbounded here because the connector bounds it: at most unacked.limit incoming records wait for
   * their acknowledgement, dead letters among them.
   */
  @Inject
  @Channel("check-results-dlq")
  @OnOverflow(OnOverflow.Strategy.UNBOUNDED_BUFFER)
  Emitter<ProducerRecord<String, byte[]>> emitter;

  @Inject
  @ConfigProperty(name = "mp.messaging.outgoing.check-results-dlq.topic")
  String topic;

  @Resource ManagedScheduledExecutorService scheduler;

  private final AtomicInteger pending = new AtomicInteger();
  private volatile String lastError;

  /**
   * Writes the dead letter of {@code original}; the stage completes once Kafka has it.
   *
   * @param reason why it is set aside, for people (header {@code sitewatch.dlq.reason})
   */
  public CompletionStage<Void> publish(ConsumerRecord<String, byte[]> original, String reason) {
    LOG.log(
        Level.WARNING,
        "Setting aside record {0}-{1,number,#}@{2,number,#} (key {3}): {4}",
        new Object[] {
          original.topic(), original.partition(), original.offset(), original.key(), reason
        });
    CompletableFuture<Void> written = new CompletableFuture<>();
    pending.incrementAndGet();
    send(original, reason, new Backoff(FIRST_RETRY, MAX_RETRY), written);
    return written;
  }

  /** Dead letters waiting to be written. */
  public int pending() {
    return pending.get();
  }

  /**
   * True while the last dead letter could not be written (no ACL on the topic, a record too large):
   * the records behind it wait un-committed, at most the connector's unacked.limit of them, and are
   * delivered again after a restart.
   */
  public boolean failing() {
    return lastError != null;
  }

  /** True once the dead-letter channel's stream has ended: only a restart brings it back. */
  public boolean streamEnded() {
    return emitter.isCancelled();
  }

  /** Why the last dead letter could not be written, until one is written again. */
  public Optional<String> lastError() {
    return Optional.ofNullable(lastError);
  }

  private void send(
      ConsumerRecord<String, byte[]> original,
      String reason,
      Backoff backoff,
      CompletableFuture<Void> written) {
    CompletionStage<Void> sent;
    try {
      // A fresh record per attempt: the producer makes a sent record's headers read-only.
      sent = emitter.send(DeadLetterRecords.of(topic, original, reason));
    } catch (RuntimeException e) {
      sent = CompletableFuture.failedStage(e);
    }
    sent.whenComplete(
        (ok, failure) -> {
          if (failure == null) {
            lastError = null;
            pending.decrementAndGet();
            written.complete(null);
            return;
          }
          Duration delay = backoff.next();
          lastError = failure.toString();
          LOG.log(
              Level.WARNING,
              "Writing the dead letter of {0}-{1,number,#}@{2,number,#} failed,"
                  + " retrying in {3,number,#} s: {4}",
              new Object[] {
                original.topic(),
                original.partition(),
                original.offset(),
                delay.toSeconds(),
                failure.toString()
              });
          scheduler.schedule(
              () -> send(original, reason, backoff, written),
              delay.toMillis(),
              TimeUnit.MILLISECONDS);
        });
  }
}
