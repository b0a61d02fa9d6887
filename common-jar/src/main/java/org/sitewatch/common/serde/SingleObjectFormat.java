package org.sitewatch.common.serde;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;
import java.util.stream.Collectors;
import org.apache.avro.AvroRuntimeException;
import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.message.BinaryMessageDecoder;
import org.apache.avro.message.BinaryMessageEncoder;

/**
 * One record type's Avro single-object encoding: the marker {@code C3 01}, the 8-byte little-endian
 * CRC-64-AVRO fingerprint of the writer's schema, then the Avro binary body. The schemas are
 * resources named {@code <prefix>1.avsc}, {@code <prefix>2.avsc}, ... beside the class that asks;
 * every version is read, the last one written.
 *
 * <p>A payload is checked before it is decoded, so that a damaged one is rejected with a message
 * naming the problem and never makes Avro allocate what a corrupt length prefix announces.
 * Thread-safe: Avro's message encoder and decoder keep their buffers in thread-locals.
 */
public final class SingleObjectFormat {

  /** Single-object encoding's marker and the fingerprint after it. */
  private static final int HEADER_LENGTH = 10;

  private final String typeName;
  private final List<Version> versions;
  private final Version current;
  private final BiFunction<String, Throwable, RuntimeException> rejection;
  private final BinaryMessageEncoder<GenericRecord> encoder;
  private final BinaryMessageDecoder<GenericRecord> decoder;

  /**
   * @param typeName what the payloads hold, for messages ("CheckResult")
   * @param resources the class beside whose file the schema resources are
   * @param prefix the resources' name up to the version number ("check-result-v")
   * @param versions how many versions there are; never fewer than before
   * @param rejection the exception for a payload that cannot be read, from a message and a cause
   *     (null when there is none)
   */
  public SingleObjectFormat(
      String typeName,
      Class<?> resources,
      String prefix,
      int versions,
      BiFunction<String, Throwable, RuntimeException> rejection) {
    this.typeName = typeName;
    this.rejection = rejection;
    List<Version> loaded = new ArrayList<>();
    for (int number = 1; number <= versions; number++) {
      loaded.add(load(resources, prefix + number + ".avsc", number));
    }
    this.versions = List.copyOf(loaded);
    this.current = loaded.get(loaded.size() - 1);
    // Our own model, not GenericData.get(): conversions other code adds to the shared one would
    // change what the records here hold.
    GenericData model = new GenericData();
    this.encoder = new BinaryMessageEncoder<>(model, current.schema());
    this.decoder = new BinaryMessageDecoder<>(model, current.schema());
    this.versions.forEach(version -> decoder.addSchema(version.schema()));
  }

  /** The schema records are written with. */
  public Schema current() {
    return current.schema();
  }

  public byte[] encode(GenericRecord record) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(128);
    try {
      encoder.encode(record, out);
      return out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot encode a " + typeName, e);
    }
  }

  /**
   * The record in a payload of any version, as the current schema reads it.
   *
   * @throws RuntimeException the rejection given at construction, naming the problem
   */
  public GenericRecord decode(byte[] payload) {
    Version version = versionOf(payload);
    checkBody(payload, version);
    try {
      return decoder.decode(payload);
    } catch (IOException | RuntimeException e) {
      throw corruptBody(e);
    }
  }

  private Version versionOf(byte[] payload) {
    if (payload == null) {
      throw reject("payload is null");
    }
    if (payload.length == 0) {
      throw reject("empty payload");
    }
    if (payload.length >= 2 && (payload[0] != (byte) 0xc3 || payload[1] != (byte) 0x01)) {
      throw reject(
          String.format(
              "not single-object encoded: starts with 0x%02x 0x%02x, expected 0xc3 0x01",
              payload[0], payload[1]));
    }
    if (payload.length < HEADER_LENGTH) {
      throw reject(
          "payload of "
              + payload.length
              + (payload.length == 1 ? " byte" : " bytes")
              + " is too short for a Sitewatch "
              + typeName
              + " (at least "
              + HEADER_LENGTH
              + ")");
    }
    long fingerprint = ByteBuffer.wrap(payload, 2, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
    for (Version version : versions) {
      if (version.fingerprint() == fingerprint) {
        return version;
      }
    }
    throw reject(
        String.format(
            "unknown schema fingerprint 0x%016x (known: %s)",
            fingerprint,
            versions.stream().map(Version::toString).collect(Collectors.joining(", "))));
  }

  /**
   * Walks the body without building anything. Avro allocates a string's buffer from its length
   * prefix before reading the bytes, so a corrupt prefix could make decoding allocate up to 2 GB;
   * skipping checks every length against the bytes actually there. It also finds bytes left over
   * after the last field, which decoding would ignore.
   */
  private void checkBody(byte[] payload, Version version) {
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
      throw reject(
          bodyProblem() + leftOver + " bytes left over after the last field of " + version);
    }
  }

  private RuntimeException corruptBody(Exception e) {
    // Avro's message decoder wraps what went wrong in "Decoding datum failed".
    Throwable cause = e instanceof AvroRuntimeException && e.getCause() != null ? e.getCause() : e;
    String problem =
        cause instanceof EOFException
            ? "payload ends inside a field"
            : cause.getMessage() != null ? cause.getMessage() : cause.getClass().getName();
    return rejection.apply(bodyProblem() + problem, e);
  }

  private String bodyProblem() {
    return "truncated or corrupt " + typeName + " body: ";
  }

  private RuntimeException reject(String message) {
    return rejection.apply(message, null);
  }

  private static Version load(Class<?> resources, String resource, int number) {
    try (InputStream in = resources.getResourceAsStream(resource)) {
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
