package org.sitewatch.support.kafka;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * The Kafka record behind a message of an incoming channel: its key, topic, partition and offset
 * are part of what a consumer checks, sets aside and reports. Reactive Messaging has no standard
 * way to reach them, so each connector gets an adapter: the persister's own for Liberty's
 * connector, and one that travels with SmallRye's connector in the Payara flavour of the WAR.
 */
public interface MessageRecords {

  ConsumerRecord<String, byte[]> record(Message<?> message);
}
