package org.sitewatch.persister.deadletter;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.charset.StandardCharsets;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

class DeadLetterRecordsTest {

  private static final byte[] BAD_BYTES = {(byte) 0xc3, 0x01, 0x42};

  private static final ConsumerRecord<String, byte[]> ORIGINAL =
      new ConsumerRecord<>("sitewatch.check-results", 3, 1234L, "shop", BAD_BYTES);

  private static String header(ProducerRecord<String, byte[]> record, String name) {
    return new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
  }

  @Test
  void keepsTheOriginalKeyAndBytesAndSaysWhereFromAndWhy() {
    ProducerRecord<String, byte[]> dead =
        DeadLetterRecords.of("sitewatch.check-results.dlq", ORIGINAL, "payload is too short");

    assertEquals("sitewatch.check-results.dlq", dead.topic());
    assertNull(dead.partition(), "partitioned by key like the original");
    assertEquals("shop", dead.key());
    assertArrayEquals(BAD_BYTES, dead.value());
    assertEquals("payload is too short", header(dead, "sitewatch.dlq.reason"));
    assertEquals("sitewatch.check-results", header(dead, "sitewatch.dlq.topic"));
    assertEquals("3", header(dead, "sitewatch.dlq.partition"));
    assertEquals("1234", header(dead, "sitewatch.dlq.offset"));
  }

  @Test
  void cutsAnOverlongReasonAndNamesAMissingOne() {
    String longReason = "x".repeat(5000);

    assertEquals(
        DeadLetterRecords.MAX_REASON_LENGTH,
        header(DeadLetterRecords.of("dlq", ORIGINAL, longReason), "sitewatch.dlq.reason").length());
    assertEquals(
        "unknown", header(DeadLetterRecords.of("dlq", ORIGINAL, null), "sitewatch.dlq.reason"));
  }
}
