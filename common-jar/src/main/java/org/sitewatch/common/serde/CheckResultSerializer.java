package org.sitewatch.common.serde;

import org.apache.kafka.common.serialization.Serializer;
import org.sitewatch.common.CheckResult;

/** Kafka value serializer writing {@link CheckResultCodec}'s format; {@code null} stays null. */
public class CheckResultSerializer implements Serializer<CheckResult> {

  @Override
  public byte[] serialize(String topic, CheckResult result) {
    return result == null ? null : CheckResultCodec.encode(result);
  }
}
