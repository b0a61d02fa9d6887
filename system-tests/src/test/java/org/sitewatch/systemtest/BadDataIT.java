package org.sitewatch.systemtest;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.message.BinaryMessageEncoder;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.microshed.testing.jupiter.MicroShedTest;
import org.microshed.testing.kafka.KafkaProducerClient;
import org.sitewatch.common.CheckResult;
import org.sitewatch.common.Outcome;
import org.sitewatch.common.ResultIds;
import org.sitewatch.common.serde.CheckResultCodec;

/**
 * A corpus of bad records, unreadable or breaking the schema's rules, mixed into a stream of valid
 * results: every valid one is stored once, every bad one is dead-lettered once with a reason naming
 * its problem and headers pointing at the original, and the consumer carries on.
 */
@MicroShedTest
public class BadDataIT {

  @KafkaProducerClient(
      keySerializer = StringSerializer.class,
      valueSerializer = ByteArraySerializer.class)
  public static KafkaProducer<String, byte[]> producer;

  /** Valid results sent between two bad records. */
  private static final int VALID_BETWEEN = 3;

  private static final Schema SCHEMA_V1 = schema(1);
  private static final Schema SCHEMA_V2 = schema(2);

  private final String run = "baddata-" + System.nanoTime() + "-";

  /** A bad record and the words its dead letter's reason must contain. */
  private record Bad(String kind, String key, byte[] value, String reasonMentions) {}

  @Test
  void badRecordsAreDeadLetteredOnceAndValidOnesStoredOnce() throws Exception {
    List<Bad> corpus = corpus();
    assertTrue(corpus.size() >= 10, "at least ten kinds of bad records");

    Set<String> validIds = new HashSet<>();
    Map<String, Bad> badByOrigin = new HashMap<>();
    for (Bad bad : corpus) {
      for (int i = 0; i < VALID_BETWEEN; i++) {
        CheckResult valid = valid(site(bad.kind() + "-ok" + i));
        validIds.add(valid.id().toString());
        send(valid.siteId(), CheckResultCodec.encode(valid));
      }
      RecordMetadata at = send(bad.key(), bad.value());
      badByOrigin.put(at.partition() + "@" + at.offset(), bad);
    }
    int sent = validIds.size() + badByOrigin.size();

    await("every valid result of " + run + "* stored")
        .atMost(Duration.ofSeconds(60))
        .until(() -> storedIds().size() >= validIds.size());
    List<ConsumerRecord<String, byte[]>> letters =
        await("a dead letter for each of the " + corpus.size() + " bad records")
            .atMost(Duration.ofSeconds(60))
            .until(this::ourDeadLetters, l -> l.size() >= corpus.size());

    assertEquals(validIds, storedIds(), "exactly the valid results are stored");
    assertEquals(
        corpus.size(), letters.size(), "one dead letter per bad record, none twice: " + letters);
    Set<String> seen = new HashSet<>();
    for (ConsumerRecord<String, byte[]> letter : letters) {
      assertEquals(Topics.RESULTS, header(letter, "sitewatch.dlq.topic"), "original topic");
      String origin =
          header(letter, "sitewatch.dlq.partition") + "@" + header(letter, "sitewatch.dlq.offset");
      Bad bad = badByOrigin.get(origin);
      assertTrue(bad != null, "the dead letter points at one of our bad records: " + origin);
      assertTrue(seen.add(origin), "dead-lettered once: " + bad.kind());
      String reason = header(letter, "sitewatch.dlq.reason");
      assertTrue(
          reason.contains(bad.reasonMentions()),
          bad.kind() + ": reason mentions '" + bad.reasonMentions() + "', was: " + reason);
      assertEquals(bad.key(), letter.key(), bad.kind() + ": original key kept");
      assertTrue(Arrays.equals(bad.value(), letter.value()), bad.kind() + ": original bytes kept");
    }
    assertEquals(sent, storedIds().size() + letters.size(), "none lost: in == stored + DLQ");
    assertEquals(List.of(), StoredResults.duplicateIds(), "no result id stored twice");
  }

  private List<Bad> corpus() {
    List<Bad> bad = new ArrayList<>();
    byte[] garbled = new byte[64];
    new Random(42).nextBytes(garbled);
    garbled[0] = 0x7b;
    bad.add(new Bad("garbled", site("garbled"), garbled, "not single-object encoded"));
    bad.add(new Bad("empty", site("empty"), new byte[0], "empty payload"));
    bad.add(new Bad("tombstone", site("tombstone"), null, "payload is null"));
    byte[] wrongMarker = encoded(site("marker"), r -> {});
    wrongMarker[1] = 0x02;
    bad.add(new Bad("wrong-marker", site("marker"), wrongMarker, "not single-object encoded"));
    byte[] unknownSchema = encoded(site("fingerprint"), r -> {});
    ByteBuffer.wrap(unknownSchema, 2, 8).putLong(0x0123456789abcdefL);
    bad.add(
        new Bad(
            "unknown-schema", site("fingerprint"), unknownSchema, "unknown schema fingerprint"));
    byte[] whole = encoded(site("truncated"), r -> {});
    bad.add(
        new Bad(
            "truncated",
            site("truncated"),
            Arrays.copyOf(whole, whole.length - 5),
            "truncated or corrupt"));
    byte[] trailing = encoded(site("trailing"), r -> {});
    bad.add(
        new Bad(
            "trailing-bytes",
            site("trailing"),
            Arrays.copyOf(trailing, trailing.length + 3),
            "left over"));
    bad.add(
        new Bad(
            "negative-duration",
            site("negative"),
            encoded(site("negative"), r -> r.put("durationMicros", -1_000L)),
            "duration is negative"));
    bad.add(new Bad("missing-site-id", site("nosite"), encoded("", r -> {}), "siteId is missing"));
    bad.add(
        new Bad(
            "missing-url",
            site("nourl"),
            encoded(site("nourl"), r -> r.put("url", "")),
            "url is missing"));
    bad.add(
        new Bad(
            "http-status-out-of-range",
            site("status"),
            encoded(site("status"), r -> r.put("httpStatus", 42)),
            "httpStatus 42"));
    bad.add(
        new Bad(
            "down-without-reason",
            site("down"),
            encoded(site("down"), r -> r.put("status", enumSymbol("status", "DOWN"))),
            "reason of a DOWN outcome"));
    bad.add(
        new Bad(
            "far-future",
            site("future"),
            encoded(
                site("future"),
                r -> r.put("startedAt", micros(Instant.now().plus(10, ChronoUnit.MINUTES)))),
            "the checker's clock is ahead"));
    bad.add(
        new Bad(
            "past-retention",
            site("ancient"),
            encoded(
                site("ancient"),
                r -> r.put("startedAt", micros(Instant.now().minus(60, ChronoUnit.DAYS)))),
            "retention"));
    bad.add(
        new Bad(
            "oversized-url",
            site("longurl"),
            encoded(site("longurl"), r -> r.put("url", "https://x.example/" + "a".repeat(5000))),
            "url is 5018 chars"));
    String longSite = site("long") + "s".repeat(300);
    bad.add(new Bad("oversized-site-id", longSite, encoded(longSite, r -> {}), "siteId is"));
    // Valid to every rule here, refused by PostgreSQL (text holds no NUL): the batch it came in is
    // halved until it stands alone, and the valid results around it are stored.
    bad.add(
        new Bad(
            "nul-in-url",
            site("nul"),
            encoded(site("nul"), r -> r.put("url", "https://bad.example/\u0000")),
            "rejected by the database"));
    bad.add(
        new Bad(
            "key-not-site-id", site("other"), encoded(site("key"), r -> {}), "is not the result"));
    bad.add(
        new Bad(
            "v2-no-attempt",
            site("attempts"),
            encodedV2(site("attempts"), r -> r.put("attempts", 0)),
            "attempts 0 is not in 1-10"));
    bad.add(
        new Bad(
            "v2-due-after-start",
            site("due-after"),
            encodedV2(
                site("due-after"),
                r -> r.put("scheduledAt", (Long) r.get("startedAt") + 1_000_000L)),
            "is after startedAt"));
    bad.add(
        new Bad(
            "v2-start-lag-over-a-day",
            site("lag"),
            encodedV2(
                site("lag"),
                r -> r.put("scheduledAt", (Long) r.get("startedAt") - 2 * 86_400_000_000L)),
            "hours before startedAt"));
    bad.add(
        new Bad(
            "v2-certificate-on-plain-http",
            site("tls-http"),
            encodedV2(
                site("tls-http"),
                r -> {
                  r.put("url", "http://plain.example/");
                  r.put("tlsDaysLeft", 30);
                }),
            "not an https URL"));
    Map<String, String> tooManyLabels = new HashMap<>();
    for (int i = 0; i <= CheckResult.MAX_LABELS; i++) {
      tooManyLabels.put("l" + i, "v");
    }
    bad.add(
        new Bad(
            "v2-too-many-labels",
            site("labels"),
            encodedV2(site("labels"), r -> r.put("labels", tooManyLabels)),
            "21 labels, at most 20"));
    return bad;
  }

  private String site(String name) {
    return run + name;
  }

  private static CheckResult valid(String siteId) {
    return new CheckResult(
        ResultIds.next(),
        siteId,
        "https://" + siteId + ".example/",
        Instant.now(),
        Duration.ofMillis(12),
        200,
        null,
        Outcome.up());
  }

  /** A valid v1 result's record with {@code change} applied, encoded as a v1 checker would. */
  private static byte[] encoded(String siteId, Consumer<GenericRecord> change) {
    return encoded(SCHEMA_V1, siteId, change);
  }

  /** The same in wire format v2, its new fields at their defaults before {@code change}. */
  private static byte[] encodedV2(String siteId, Consumer<GenericRecord> change) {
    return encoded(
        SCHEMA_V2,
        siteId,
        record -> {
          record.put("attempts", 1);
          record.put("tlsDaysLeft", null);
          record.put("labels", Map.of());
          record.put("scheduledAt", null);
          change.accept(record);
        });
  }

  private static byte[] encoded(Schema schema, String siteId, Consumer<GenericRecord> change) {
    GenericRecord record = new GenericData.Record(schema);
    UUID uuid = ResultIds.next();
    byte[] id =
        ByteBuffer.allocate(16)
            .putLong(uuid.getMostSignificantBits())
            .putLong(uuid.getLeastSignificantBits())
            .array();
    record.put("id", new GenericData.Fixed(schema.getField("id").schema(), id));
    record.put("siteId", siteId);
    record.put("url", "https://bad.example/");
    record.put("startedAt", micros(Instant.now()));
    record.put("durationMicros", 1_000L);
    record.put("httpStatus", 200);
    record.put("regexMatched", null);
    record.put("status", new GenericData.EnumSymbol(schema.getField("status").schema(), "UP"));
    record.put("reason", null);
    record.put("message", null);
    change.accept(record);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      new BinaryMessageEncoder<GenericRecord>(GenericData.get(), schema).encode(record, out);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    return out.toByteArray();
  }

  private static GenericData.EnumSymbol enumSymbol(String field, String symbol) {
    return new GenericData.EnumSymbol(SCHEMA_V1.getField(field).schema(), symbol);
  }

  private static long micros(Instant instant) {
    return ChronoUnit.MICROS.between(Instant.EPOCH, instant);
  }

  private static Schema schema(int version) {
    try (InputStream in =
        CheckResultCodec.class.getResourceAsStream("check-result-v" + version + ".avsc")) {
      return new Schema.Parser().parse(in);
    } catch (IOException e) {
      throw new IllegalStateException("common-jar's schema v" + version + " unreadable", e);
    }
  }

  private RecordMetadata send(String key, byte[] value) throws Exception {
    return producer.send(new ProducerRecord<>(Topics.RESULTS, key, value)).get();
  }

  private Set<String> storedIds() throws SQLException {
    try (Connection db = Stack.database();
        PreparedStatement query =
            db.prepareStatement("select id::text from check_result where site_id like ?")) {
      query.setString(1, run + "%");
      Set<String> ids = new HashSet<>();
      try (ResultSet rs = query.executeQuery()) {
        while (rs.next()) {
          ids.add(rs.getString(1));
        }
      }
      return ids;
    }
  }

  /** Dead letters of this run: every record it sent is keyed with the run's prefix. */
  private List<ConsumerRecord<String, byte[]>> ourDeadLetters() {
    return Topics.readAll(Topics.DEAD_LETTERS).stream()
        .filter(r -> r.key() != null && r.key().startsWith(run))
        .collect(Collectors.toList());
  }

  private static String header(ConsumerRecord<String, byte[]> record, String name) {
    Header header = record.headers().lastHeader(name);
    assertTrue(header != null, "dead letter has header " + name);
    return new String(header.value(), StandardCharsets.UTF_8);
  }
}
