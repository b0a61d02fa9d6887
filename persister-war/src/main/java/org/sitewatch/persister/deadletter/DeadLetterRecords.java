package org.sitewatch.persister.deadletter;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;

/** Builds the dead-letter record of a record the persister cannot store. */
final class DeadLetterRecords {

  static final String REASON = "sitewatch.dlq.reason";
  static final String TOPIC = "sitewatch.dlq.topic";
  static final String PARTITION = "sitewatch.dlq.partition";
  static final String OFFSET = "sitewatch.dlq.offset";

  /** Enough for any message of ours; an exception could carry a payload dump. */
  static final int MAX_REASON_LENGTH = 1000;

  private DeadLetterRecords() {}

  /**
   * The original key and value as they came, so the record can be replayed once the reason is
   * fixed; where it came from and why it was set aside in UTF-8 headers.
   */
  static ProducerRecord<String, byte[]> of(
      String deadLetterTopic, ConsumerRecord<String, byte[]> original, String reason) {
    String text = reason == null || reason.isBlank() ? "unknown" : reason;
    if (text.length() > MAX_REASON_LENGTH) {
      text = text.substring(0, MAX_REASON_LENGTH - 1) + "…";
    }
    List<Header> headers =
        List.of(
            header(REASON, text),
            header(TOPIC, original.topic()),
            header(PARTITION, Integer.toString(original.partition())),
            header(OFFSET, Long.toString(original.offset())));
    return new ProducerRecord<>(deadLetterTopic, null, original.key(), original.value(), headers);
  }

  private static Header header(String name, String value) {
    return new RecordHeader(name, value.getBytes(StandardCharsets.UTF_8));
  }
}
