package org.sitewatch.persister.ingest;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.LongAdder;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.sitewatch.common.CheckResult;
import org.sitewatch.common.serde.CheckResultCodec;
import org.sitewatch.persister.deadletter.DeadLetterCause;
import org.sitewatch.persister.deadletter.DeadLetterPublisher;
import org.sitewatch.persister.metrics.PersisterMetrics;
import org.sitewatch.persister.schema.Retention;
import org.sitewatch.persister.store.BatchWriter;
import org.sitewatch.persister.store.RejectedResultException;
import org.sitewatch.support.kafka.MessageRecords;

/**
 * Takes check results off Kafka: decodes and checks each record, hands good results to the {@link
 * BatchWriter} and sets the others aside on the dead-letter topic. A message is acknowledged (its
 * offset becomes committable) only once its result is committed to the database or its dead letter
 * is written.
 */
@ApplicationScoped
public class CheckResultConsumer {

  private static final Logger LOG = Logger.getLogger(CheckResultConsumer.class.getName());

  private static final CompletionStage<Void> HANDED_OVER = CompletableFuture.completedStage(null);

  @Inject BatchWriter writer;

  @Inject DeadLetterPublisher deadLetters;

  @Inject PersisterMetrics metrics;

  @Inject Retention retention;

  @Inject MessageRecords records;

  @Inject
  @ConfigProperty(name = "sitewatch.persister.max-clock-skew", defaultValue = "5m")
  Duration maxClockSkew;

  private final LongAdder delivered = new LongAdder();

  private ResultRules rules;

  @PostConstruct
  void init() {
    rules = new ResultRules(retention, maxClockSkew, Clock.systemUTC());
  }

  /**
   * Hands the record over and returns at once. The stage returned here is not the acknowledgement:
   * Reactive Messaging delivers the next message only after it completes, so completing it at
   * commit would make every batch one message long. The acknowledgement follows the commit (or the
   * dead letter) below; the connector's unacked.limit bounds how many messages wait for one.
   */
  @Incoming("check-results")
  public CompletionStage<Void> consume(Message<byte[]> message) {
    delivered.increment();
    ConsumerRecord<String, byte[]> record = records.record(message);
    CheckResult result;
    try {
      result = CheckResultCodec.decode(record.value());
      rules.check(result, record.key());
    } catch (RuntimeException e) {
      // Whatever decoding or the rules throw, the bytes caused it: set them aside, keep consuming.
      DeadLetterCause cause =
          e instanceof InvalidResultException
              ? DeadLetterCause.INVALID
              : DeadLetterCause.UNDECODABLE;
      setAside(message, record, cause, e.getMessage() != null ? e.getMessage() : e.toString());
      return HANDED_OVER;
    }
    writer
        .submit(result)
        .whenComplete(
            (stored, failure) -> {
              Throwable cause =
                  failure instanceof CompletionException ? failure.getCause() : failure;
              if (cause == null) {
                acknowledge(message, record);
              } else if (cause instanceof RejectedResultException rejected) {
                setAside(
                    message,
                    record,
                    DeadLetterCause.REJECTED,
                    "rejected by the database: " + rejected.getMessage());
              }
              // Nothing else completes it: a writer that stops leaves the message un-acknowledged,
              // and Kafka delivers it again.
            });
    return HANDED_OVER;
  }

  /** Messages delivered since start, for {@link IncomingStreamWatch}. */
  long delivered() {
    return delivered.sum();
  }

  private void setAside(
      Message<byte[]> message,
      ConsumerRecord<String, byte[]> record,
      DeadLetterCause cause,
      String reason) {
    deadLetters
        .publish(record, reason)
        .thenRun(
            () -> {
              metrics.deadLettered(cause);
              acknowledge(message, record);
            });
  }

  /**
   * The connector commits offsets in order, so acknowledging out of order is safe. A failed commit
   * (after a partition moved to another consumer) means the record comes again, and the insert
   * skips it.
   */
  private static void acknowledge(Message<byte[]> message, ConsumerRecord<String, byte[]> record) {
    message
        .ack()
        .whenComplete(
            (done, failure) -> {
              if (failure != null) {
                LOG.log(
                    Level.INFO,
                    "Offset commit for {0}-{1,number,#}@{2,number,#} failed;"
                        + " the record will be delivered again: {3}",
                    new Object[] {record.topic(), record.partition(), record.offset(), failure});
              }
            });
  }
}
