package org.sitewatch.common.catalog;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.sitewatch.common.serde.SingleObjectFormat;

/**
 * The wire format of {@link SiteDefinition}, the site catalogue's record value: Avro single-object
 * encoding ({@link SingleObjectFormat}) with the {@code site-definition-vN.avsc} schemas beside
 * this class. Times and durations travel as microseconds. Thread-safe.
 */
public final class SiteDefinitionCodec {

  /**
   * Every schema version ever written, counted; never remove one. A new version maps its new fields
   * in {@link #toRecord} and {@link #toDefinition}; older payloads read their defaults.
   */
  private static final SingleObjectFormat FORMAT =
      new SingleObjectFormat(
          "SiteDefinition",
          SiteDefinitionCodec.class,
          "site-definition-v",
          2,
          SiteDefinitionFormatException::new);

  private static final Schema POLICY = FORMAT.current().getField("alerts").schema();
  private static final Schema CHANNEL = POLICY.getField("channels").schema().getElementType();
  private static final Schema CHANNEL_TYPE = CHANNEL.getField("type").schema();
  private static final Schema WINDOW =
      FORMAT.current().getField("maintenance").schema().getElementType();

  private SiteDefinitionCodec() {}

  /**
   * Encodes {@code site} with the current schema version.
   *
   * @throws IllegalArgumentException if a time or duration does not fit in a long of microseconds
   */
  public static byte[] encode(SiteDefinition site) {
    try {
      return FORMAT.encode(toRecord(site));
    } catch (ArithmeticException e) {
      throw new IllegalArgumentException(
          "site " + site.id() + ": a time or duration does not fit in a long of microseconds", e);
    }
  }

  /**
   * Decodes a payload written with any schema version this codec has ever written.
   *
   * @throws SiteDefinitionFormatException for any payload that is not a valid SiteDefinition, with
   *     a message naming the problem
   */
  public static SiteDefinition decode(byte[] payload) {
    GenericRecord record = FORMAT.decode(payload);
    try {
      return toDefinition(record);
    } catch (NullPointerException e) {
      throw new SiteDefinitionFormatException(
          "invalid SiteDefinition: missing " + e.getMessage(), e);
    } catch (RuntimeException e) {
      throw new SiteDefinitionFormatException("invalid SiteDefinition: " + e.getMessage(), e);
    }
  }

  private static GenericRecord toRecord(SiteDefinition site) {
    GenericRecord record = new GenericData.Record(FORMAT.current());
    record.put("id", site.id());
    record.put("name", site.name());
    record.put("url", site.url());
    record.put("labels", site.labels());
    record.put("intervalMicros", micros(site.interval()));
    record.put("alerts", toRecord(site.alerts()));
    record.put(
        "maintenance", site.maintenance().stream().map(SiteDefinitionCodec::toRecord).toList());
    return record;
  }

  private static GenericRecord toRecord(AlertPolicy policy) {
    GenericRecord record = new GenericData.Record(POLICY);
    record.put("channels", policy.channels().stream().map(SiteDefinitionCodec::toRecord).toList());
    record.put("failureThreshold", policy.failureThreshold());
    record.put("successThreshold", policy.successThreshold());
    record.put("sendResolved", policy.sendResolved());
    record.put(
        "remindEveryMicros", policy.remindEvery().map(SiteDefinitionCodec::micros).orElse(null));
    record.put("minLocations", policy.minLocations());
    return record;
  }

  private static GenericRecord toRecord(AlertChannel channel) {
    GenericRecord record = new GenericData.Record(CHANNEL);
    record.put("name", channel.name());
    record.put("type", new GenericData.EnumSymbol(CHANNEL_TYPE, channel.type().name()));
    record.put("url", channel.url().orElse(null));
    record.put("urlEnv", channel.urlEnv().orElse(null));
    record.put("secretEnv", channel.secretEnv().orElse(null));
    record.put("to", channel.to());
    return record;
  }

  private static GenericRecord toRecord(MaintenanceWindow window) {
    GenericRecord record = new GenericData.Record(WINDOW);
    record.put("start", ChronoUnit.MICROS.between(Instant.EPOCH, window.start()));
    record.put("durationMicros", micros(window.duration()));
    record.put("everyMicros", window.every().map(SiteDefinitionCodec::micros).orElse(null));
    return record;
  }

  private static SiteDefinition toDefinition(GenericRecord record) {
    return new SiteDefinition(
        text(record, "id"),
        text(record, "name"),
        text(record, "url"),
        labelsOf((Map<?, ?>) record.get("labels")),
        duration((Long) record.get("intervalMicros")),
        toPolicy((GenericRecord) record.get("alerts")),
        ((List<?>) record.get("maintenance"))
            .stream().map(window -> toWindow((GenericRecord) window)).toList());
  }

  private static AlertPolicy toPolicy(GenericRecord record) {
    return new AlertPolicy(
        ((List<?>) record.get("channels"))
            .stream().map(channel -> toChannel((GenericRecord) channel)).toList(),
        (Integer) record.get("failureThreshold"),
        (Integer) record.get("successThreshold"),
        (Boolean) record.get("sendResolved"),
        optionalDuration(record, "remindEveryMicros"),
        (Integer) record.get("minLocations"));
  }

  private static AlertChannel toChannel(GenericRecord record) {
    return new AlertChannel(
        text(record, "name"),
        AlertChannel.Type.valueOf(record.get("type").toString()),
        optionalText(record, "url"),
        optionalText(record, "urlEnv"),
        optionalText(record, "secretEnv"),
        ((List<?>) record.get("to")).stream().map(Object::toString).toList());
  }

  private static MaintenanceWindow toWindow(GenericRecord record) {
    return new MaintenanceWindow(
        Instant.EPOCH.plus((Long) record.get("start"), ChronoUnit.MICROS),
        duration((Long) record.get("durationMicros")),
        optionalDuration(record, "everyMicros"));
  }

  private static long micros(Duration duration) {
    return duration.dividedBy(ChronoUnit.MICROS.getDuration());
  }

  private static Duration duration(long micros) {
    return Duration.of(micros, ChronoUnit.MICROS);
  }

  private static Optional<Duration> optionalDuration(GenericRecord record, String field) {
    return Optional.ofNullable((Long) record.get(field)).map(SiteDefinitionCodec::duration);
  }

  /** Avro reads strings as its own Utf8 text. */
  private static String text(GenericRecord record, String field) {
    return record.get(field).toString();
  }

  private static Optional<String> optionalText(GenericRecord record, String field) {
    return Optional.ofNullable(record.get(field)).map(Object::toString);
  }

  private static Map<String, String> labelsOf(Map<?, ?> labels) {
    Map<String, String> text = new HashMap<>();
    labels.forEach((key, value) -> text.put(key.toString(), value.toString()));
    return text;
  }
}
