package org.sitewatch.common.serde;

import org.apache.kafka.common.serialization.Deserializer;
import org.sitewatch.common.CheckResult;

/** Kafka value deserializer reading {@link CheckResultCodec}'s format. */
public class CheckResultDeserializer implements Deserializer<CheckResult> {

  /**
   * Decodes one record value; {@code null} (a tombstone) stays null.
   *
   * @throws CheckResultFormatException if the payload is not a readable CheckResult
   */
  @Override
  public CheckResult deserialize(String topic, byte[] payload) {
    return payload == null ? null : CheckResultCodec.decode(payload);
  }
}
