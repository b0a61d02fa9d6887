package org.sitewatch.common.serde;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.apache.avro.AvroRuntimeException;
import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericFixed;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.message.BinaryMessageDecoder;
import org.apache.avro.message.BinaryMessageEncoder;
import org.sitewatch.common.CheckResult;
import org.sitewatch.common.Outcome;
import org.sitewatch.common.Reason;

/**
 * The wire format of {@link CheckResult}: Avro single-object encoding, that is the marker {@code C3
 * 01}, the 8-byte little-endian CRC-64-AVRO fingerprint of the writer's schema, then the Avro
 * binary body. Schemas are the {@code check-result-vN.avsc} resources beside this class.
 *
 * <p>Thread-safe: Avro's message encoder and decoder keep their buffers in thread-locals, and
 * everything else here is immutable.
 */
public final class CheckResultCodec {

  /**
   * Every schema version ever written, oldest first. The decoder accepts all of them; the encoder
   * writes the last. Never remove one. To add version N: add {@code check-result-vN.avsc}, append
   * {@code load(N)} here, and map its new fields in {@link #toRecord} and {@link #toResult};
   * payloads of older versions read the new fields' defaults.
   */
  private static final List<Version> VERSIONS = List.of(load(1), load(2));

  private static final Version CURRENT = VERSIONS.get(VERSIONS.size() - 1);

  private static final Schema UUID_SCHEMA = CURRENT.schema().getField("id").schema();
  private static final Schema STATUS_SCHEMA = CURRENT.schema().getField("status").schema();
  private static final Schema REASON_SCHEMA =
      CURRENT.schema().getField("reason").schema().getTypes().get(1);

  /** Single-object encoding's marker and the fingerprint after it. */
  private static final int HEADER_LENGTH = 10;

  /**
   * Our own instance, not {@code GenericData.get()}: conversions that other code adds to the shared
   * one would change what the records here hold.
   */
  private static final GenericData MODEL = new GenericData();

  private static final BinaryMessageEncoder<GenericRecord> ENCODER =
      new BinaryMessageEncoder<>(MODEL, CURRENT.schema());
  private static final BinaryMessageDecoder<GenericRecord> DECODER = newDecoder();

  private CheckResultCodec() {}

  /**
   * Encodes {@code result} with the current schema version.
   *
   * @throws IllegalArgumentException if {@code startedAt} is more than about 292,000 years from
   *     1970, or {@code duration} longer than that: either must fit in a long of microseconds
   */
  public static byte[] encode(CheckResult result) {
    GenericRecord record = toRecord(result);
    ByteArrayOutputStream out = new ByteArrayOutputStream(128);
    try {
      ENCODER.encode(record, out);
      return out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot encode CheckResult " + result.id(), e);
    }
  }

  /**
   * Decodes a payload written with any schema version this codec has ever written.
   *
   * @throws CheckResultFormatException for any payload that is not a valid CheckResult, with a
   *     message naming the problem
   */
  public static CheckResult decode(byte[] payload) {
    Version version = versionOf(payload);
    checkBody(payload, version);
    GenericRecord record;
    try {
      record = DECODER.decode(payload);
    } catch (IOException | RuntimeException e) {
      throw corruptBody(e);
    }
    try {
      return toResult(record);
    } catch (NullPointerException e) {
      throw new CheckResultFormatException("invalid CheckResult: missing " + e.getMessage(), e);
    } catch (RuntimeException e) {
      throw new CheckResultFormatException("invalid CheckResult: " + e.getMessage(), e);
    }
  }

  private static Version versionOf(byte[] payload) {
    if (payload == null) {
      throw new CheckResultFormatException("payload is null");
    }
    if (payload.length == 0) {
      throw new CheckResultFormatException("empty payload");
    }
    if (payload.length >= 2 && (payload[0] != (byte) 0xc3 || payload[1] != (byte) 0x01)) {
      throw new CheckResultFormatException(
          String.format(
              "not single-object encoded: starts with 0x%02x 0x%02x, expected 0xc3 0x01",
              payload[0], payload[1]));
    }
    if (payload.length < HEADER_LENGTH) {
      throw new CheckResultFormatException(
          "payload of "
              + payload.length
              + (payload.length == 1 ? " byte" : " bytes")
              + " is too short for a Sitewatch CheckResult (at least "
              + HEADER_LENGTH
              + ")");
    }
    long fingerprint = ByteBuffer.wrap(payload, 2, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
    for (Version version : VERSIONS) {
      if (version.fingerprint() == fingerprint) {
        return version;
      }
    }
    throw new CheckResultFormatException(
        String.format(
            "unknown schema fingerprint 0x%016x (known: %s)",
            fingerprint,
            VERSIONS.stream().map(Version::toString).collect(Collectors.joining(", "))));
  }

  /**
   * Walks the body without building anything. Avro allocates a string's buffer from its length
   * prefix before reading the bytes, so a corrupt prefix could make decoding allocate up to 2 GB;
   * skipping checks every length against the bytes actually there. It also finds bytes left over
   * after the last field, which decoding would ignore.
   */
  private static void checkBody(byte[] payload, Version version) {
    InputStream body =
        new ByteArrayInputStream(payload, HEADER_LENGTH, payload.length - HEADER_LENGTH);
    int leftOver;
    try {
      GenericDatumReader.skip(
          version.schema(), DecoderFactory.get().directBinaryDecoder(body, null));
      leftOver = body.available();
    } catch (IOException | RuntimeException e) {
      throw corruptBody(e);
    }
    if (leftOver > 0) {
      throw new CheckResultFormatException(
          "truncated or corrupt CheckResult body: "
              + leftOver
              + " bytes left over after the last field of "
              + version);
    }
  }

  private static CheckResultFormatException corruptBody(Exception e) {
    // Avro's message decoder wraps what went wrong in "Decoding datum failed".
    Throwable cause = e instanceof AvroRuntimeException && e.getCause() != null ? e.getCause() : e;
    String problem =
        cause instanceof EOFException
            ? "payload ends inside a field"
            : cause.getMessage() != null ? cause.getMessage() : cause.getClass().getName();
    return new CheckResultFormatException("truncated or corrupt CheckResult body: " + problem, e);
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
    GenericRecord record = new GenericData.Record(CURRENT.schema());
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
    return record;
  }

  private static CheckResult toResult(GenericRecord record) {
    Object reason = record.get("reason");
    Object message = record.get("message");
    Object scheduledAt = record.get("scheduledAt");
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
        scheduledAt == null ? null : Instant.EPOCH.plus((Long) scheduledAt, ChronoUnit.MICROS));
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

  private static BinaryMessageDecoder<GenericRecord> newDecoder() {
    BinaryMessageDecoder<GenericRecord> decoder =
        new BinaryMessageDecoder<>(MODEL, CURRENT.schema());
    for (Version version : VERSIONS) {
      decoder.addSchema(version.schema());
    }
    return decoder;
  }

  private static Version load(int number) {
    String resource = "check-result-v" + number + ".avsc";
    try (InputStream in = CheckResultCodec.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("schema resource " + resource + " is missing");
      }
      // A parser per version: versions define the same named types, which one parser refuses.
      Schema schema = new Schema.Parser().parse(in);
      return new Version(number, schema, SchemaNormalization.parsingFingerprint64(schema));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read schema resource " + resource, e);
    }
  }

  private record Version(int number, Schema schema, long fingerprint) {
    @Override
    public String toString() {
      return String.format("v%d 0x%016x", number, fingerprint);
    }
  }
}
