package org.sitewatch.checker.publish;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
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
import org.sitewatch.common.CheckResult;

/**
 * Sends results to Kafka through the {@code check-results} channel. The payload is a ProducerRecord
 * so the liberty-kafka connector keys the record by site id, which keeps one site's results in
 * order on one partition.
 */
@ApplicationScoped
public class KafkaResultPublisher implements ResultPublisher {

  private static final Logger LOG = Logger.getLogger(KafkaResultPublisher.class.getName());

  private final Emitter<ProducerRecord<String, CheckResult>> emitter;
  private final String topic;
  private final AtomicLong sent = new AtomicLong();
  private final AtomicLong failed = new AtomicLong();

  @Inject
  public KafkaResultPublisher(
      @Channel("check-results")
          @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = 100_000)
          Emitter<ProducerRecord<String, CheckResult>> emitter,
      @ConfigProperty(name = "mp.messaging.outgoing.check-results.topic") String topic) {
    this.emitter = emitter;
    this.topic = topic;
  }

  /** For CDI's proxy. */
  protected KafkaResultPublisher() {
    this.emitter = null;
    this.topic = null;
  }

  @Override
  public void publish(CheckResult result) {
    ProducerRecord<String, CheckResult> record =
        new ProducerRecord<>(topic, result.siteId(), result);
    try {
      emitter.send(
          Message.of(
              record,
              () -> {
                sent.incrementAndGet();
                return CompletableFuture.completedFuture(null);
              },
              failure -> {
                failed.incrementAndGet();
                LOG.log(
                    Level.WARNING,
                    "Result {0} of site {1} was not delivered to Kafka: {2}",
                    new Object[] {result.id(), result.siteId(), failure.toString()});
                return CompletableFuture.completedFuture(null);
              }));
    } catch (IllegalStateException e) {
      failed.incrementAndGet();
      LOG.log(
          Level.WARNING,
          "Result {0} of site {1} was dropped: {2}",
          new Object[] {result.id(), result.siteId(), e.getMessage()});
    }
  }

  public long sentCount() {
    return sent.get();
  }

  public long failedCount() {
    return failed.get();
  }
}
