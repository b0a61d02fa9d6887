package org.sitewatch.common.serde;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericFixed;
import org.apache.avro.generic.GenericRecord;
import org.sitewatch.common.CheckResult;
import org.sitewatch.common.Outcome;
import org.sitewatch.common.Reason;

/**
 * The wire format of {@link CheckResult}: Avro single-object encoding ({@link SingleObjectFormat})
 * with the {@code check-result-vN.avsc} schemas beside this class. Thread-safe.
 */
public final class CheckResultCodec {

  /**
   * Every schema version ever written ({@code check-result-v1.avsc} ...), oldest first. The decoder
   * accepts all of them; the encoder writes the last. Never remove one. To add version N: add
   * {@code check-result-vN.avsc}, count it here, and map its new fields in {@link #toRecord} and
   * {@link #toResult}; payloads of older versions read the new fields' defaults.
   */
  private static final SingleObjectFormat FORMAT =
      new SingleObjectFormat(
          "CheckResult",
          CheckResultCodec.class,
          "check-result-v",
          3,
          CheckResultFormatException::new);

  private static final Schema UUID_SCHEMA = FORMAT.current().getField("id").schema();
  private static final Schema STATUS_SCHEMA = FORMAT.current().getField("status").schema();
  private static final Schema REASON_SCHEMA =
      FORMAT.current().getField("reason").schema().getTypes().get(1);

  private CheckResultCodec() {}

  /**
   * Encodes {@code result} with the current schema version.
   *
   * @throws IllegalArgumentException if {@code startedAt} is more than about 292,000 years from
   *     1970, or {@code duration} longer than that: either must fit in a long of microseconds
   */
  public static byte[] encode(CheckResult result) {
    return FORMAT.encode(toRecord(result));
  }

  /**
   * Decodes a payload written with any schema version this codec has ever written.
   *
   * @throws CheckResultFormatException for any payload that is not a valid CheckResult, with a
   *     message naming the problem
   */
  public static CheckResult decode(byte[] payload) {
    GenericRecord record = FORMAT.decode(payload);
    try {
      return toResult(record);
    } catch (NullPointerException e) {
      throw new CheckResultFormatException("invalid CheckResult: missing " + e.getMessage(), e);
    } catch (RuntimeException e) {
      throw new CheckResultFormatException("invalid CheckResult: " + e.getMessage(), e);
    }
  }

  private static GenericRecord toRecord(CheckResult result) {
    long startedAtMicros;
    long durationMicros;
    Long scheduledAtMicros;
    try {
      startedAtMicros = ChronoUnit.MICROS.between(Instant.EPOCH, result.startedAt());
      durationMicros = result.duration().dividedBy(ChronoUnit.MICROS.getDuration());
      scheduledAtMicros =
          result.scheduledAt() == null
              ? null
              : ChronoUnit.MICROS.between(Instant.EPOCH, result.scheduledAt());
    } catch (ArithmeticException e) {
      throw new IllegalArgumentException(
          "startedAt "
              + result.startedAt()
              + ", scheduledAt "
              + result.scheduledAt()
              + " or duration "
              + result.duration()
              + " does not fit in a long of microseconds",
          e);
    }
    Outcome outcome = result.outcome();
    Reason reason = outcome.reason();
    GenericRecord record = new GenericData.Record(FORMAT.current());
    record.put("id", new GenericData.Fixed(UUID_SCHEMA, bytesOf(result.id())));
    record.put("siteId", result.siteId());
    record.put("url", result.url());
    record.put("startedAt", startedAtMicros);
    record.put("durationMicros", durationMicros);
    record.put("httpStatus", result.httpStatus());
    record.put("regexMatched", result.regexMatched());
    record.put("status", new GenericData.EnumSymbol(STATUS_SCHEMA, outcome.status().name()));
    record.put(
        "reason", reason == null ? null : new GenericData.EnumSymbol(REASON_SCHEMA, reason.name()));
    record.put("message", outcome.message());
    record.put("attempts", result.attempts());
    record.put("tlsDaysLeft", result.tlsDaysLeft());
    record.put("labels", result.labels());
    record.put("scheduledAt", scheduledAtMicros);
    record.put("checker", result.checker());
    record.put("location", result.location());
    return record;
  }

  private static CheckResult toResult(GenericRecord record) {
    Object reason = record.get("reason");
    Object message = record.get("message");
    Object scheduledAt = record.get("scheduledAt");
    Object checker = record.get("checker");
    Outcome outcome =
        new Outcome(
            Outcome.Status.valueOf(record.get("status").toString()),
            reason == null ? null : Reason.valueOf(reason.toString()),
            message == null ? null : message.toString());
    return new CheckResult(
        uuidOf(((GenericFixed) record.get("id")).bytes()),
        record.get("siteId").toString(),
        record.get("url").toString(),
        Instant.EPOCH.plus((Long) record.get("startedAt"), ChronoUnit.MICROS),
        Duration.of((Long) record.get("durationMicros"), ChronoUnit.MICROS),
        (Integer) record.get("httpStatus"),
        (Boolean) record.get("regexMatched"),
        outcome,
        (Integer) record.get("attempts"),
        (Integer) record.get("tlsDaysLeft"),
        labelsOf((Map<?, ?>) record.get("labels")),
        scheduledAt == null ? null : Instant.EPOCH.plus((Long) scheduledAt, ChronoUnit.MICROS),
        checker == null ? null : checker.toString(),
        record.get("location").toString());
  }

  /** Avro reads map keys and values as its own Utf8 text. */
  private static Map<String, String> labelsOf(Map<?, ?> labels) {
    Map<String, String> text = new HashMap<>();
    labels.forEach((key, value) -> text.put(key.toString(), value.toString()));
    return text;
  }

  private static byte[] bytesOf(UUID id) {
    return ByteBuffer.allocate(16)
        .putLong(id.getMostSignificantBits())
        .putLong(id.getLeastSignificantBits())
        .array();
  }

  private static UUID uuidOf(byte[] bytes) {
    ByteBuffer buffer = ByteBuffer.wrap(bytes);
    return new UUID(buffer.getLong(), buffer.getLong());
  }
}
