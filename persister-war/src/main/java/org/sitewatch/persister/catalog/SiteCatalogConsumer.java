package org.sitewatch.persister.catalog;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.sitewatch.common.catalog.SiteDefinition;
import org.sitewatch.common.catalog.SiteDefinitionCodec;
import org.sitewatch.common.catalog.SiteDefinitionFormatException;
import org.sitewatch.persister.deadletter.DeadLetterPublisher;
import org.sitewatch.persister.jdbc.SqlErrors;
import org.sitewatch.persister.notify.ChannelSettings;
import org.sitewatch.support.kafka.MessageRecords;
import org.sitewatch.support.retry.Backoff;

/**
 * Takes the site catalogue off Kafka (topic {@code sitewatch.sites}, keyed by site id) into the
 * database, where every persister's alert decisions read it. One record at a time, in order: a
 * site's latest record wins. A record that does not decode is set aside on the dead-letter topic; a
 * database that fails is waited for, since skipping a record would leave a site's settings stale.
 */
@ApplicationScoped
public class SiteCatalogConsumer {

  private static final Logger LOG = Logger.getLogger(SiteCatalogConsumer.class.getName());

  @Inject PostgresSiteCatalog catalog;

  @Inject DeadLetterPublisher deadLetters;

  @Inject ChannelSettings channels;

  @Inject MessageRecords records;

  private volatile Instant lastStoredAt;
  private volatile String lastError;

  /** When a catalogue record was last stored, if one was since start. */
  public Optional<Instant> lastStoredAt() {
    return Optional.ofNullable(lastStoredAt);
  }

  /** Why storing the current record fails, while it does. */
  public Optional<String> lastError() {
    return Optional.ofNullable(lastError);
  }

  @Incoming("site-catalog")
  public CompletionStage<Void> consume(Message<byte[]> message) {
    ConsumerRecord<String, byte[]> record = records.record(message);
    if (record.key() == null) {
      return setAside(message, record, "a catalogue record needs the site id as its key");
    }
    if (record.value() == null) {
      return store(() -> catalog.remove(record.key()), message, record);
    }
    SiteDefinition site;
    try {
      site = SiteDefinitionCodec.decode(record.value());
    } catch (SiteDefinitionFormatException e) {
      return setAside(message, record, e.getMessage());
    }
    if (!site.id().equals(record.key())) {
      return setAside(
          message, record, "the definition of site " + site.id() + " is keyed " + record.key());
    }
    channels.check(site);
    return store(() -> catalog.put(site, record.value()), message, record);
  }

  private CompletionStage<Void> store(
      Runnable write, Message<byte[]> message, ConsumerRecord<String, byte[]> record) {
    Backoff backoff = new Backoff(Duration.ofMillis(250), Duration.ofSeconds(10));
    while (true) {
      try {
        write.run();
        lastStoredAt = Instant.now();
        lastError = null;
        return message.ack();
      } catch (RuntimeException e) {
        Duration delay = backoff.next();
        lastError = SqlErrors.describe(e);
        LOG.log(
            Level.WARNING,
            "Storing the catalogue record of site {0} failed, retrying in {1,number,#} ms: {2}",
            new Object[] {record.key(), delay.toMillis(), lastError});
        try {
          Thread.sleep(delay.toMillis());
        } catch (InterruptedException stopping) {
          Thread.currentThread().interrupt();
          return CompletableFuture.failedStage(stopping);
        }
      }
    }
  }

  private CompletionStage<Void> setAside(
      Message<byte[]> message, ConsumerRecord<String, byte[]> record, String reason) {
    LOG.log(
        Level.WARNING,
        "Catalogue record {0}-{1,number,#}@{2,number,#} set aside: {3}",
        new Object[] {record.topic(), record.partition(), record.offset(), reason});
    return deadLetters.publish(record, reason).thenCompose(done -> message.ack());
  }
}
