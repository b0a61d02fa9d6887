package org.sitewatch.payara;

import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;
import jakarta.interceptor.Interceptor;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.sitewatch.support.kafka.MessageRecords;

/**
 * The record as SmallRye's Kafka connector hands it out: in the message's metadata (its messages
 * cannot be unwrapped to it). Selected for the whole application, in place of the persister's own
 * adapter for Liberty's connector, by being in the WAR: only the Payara flavour carries it.
 */
@ApplicationScoped
@Alternative
@Priority(Interceptor.Priority.APPLICATION)
public class SmallRyeRecords implements MessageRecords {

  @Override
  @SuppressWarnings("unchecked")
  public ConsumerRecord<String, byte[]> record(Message<?> message) {
    return message
        .getMetadata(IncomingKafkaRecordMetadata.class)
        .map(metadata -> (ConsumerRecord<String, byte[]>) metadata.getRecord())
        .orElseThrow(() -> new IllegalArgumentException("not a message of a Kafka channel"));
  }
}
