package org.sitewatch.persister.ingest;

import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.sitewatch.support.kafka.MessageRecords;

/**
 * The record as Liberty's connector hands it out: through {@link Message#unwrap}. The Payara
 * flavour of the WAR carries an alternative for SmallRye's connector, which keeps it in its
 * metadata.
 */
@ApplicationScoped
public class UnwrappedRecords implements MessageRecords {

  @Override
  @SuppressWarnings("unchecked")
  public ConsumerRecord<String, byte[]> record(Message<?> message) {
    return message.unwrap(ConsumerRecord.class);
  }
}
