package org.sitewatch.common.serde;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.junit.jupiter.api.Test;

class CheckResultSchemasTest {

  private static String v1Text() throws IOException {
    try (InputStream in =
        CheckResultSchemasTest.class.getResourceAsStream("check-result-v1.avsc")) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  @Test
  void fingerprintNeverChanges() throws IOException {
    Schema v1 = new Schema.Parser().parse(v1Text());

    assertEquals(
        CheckResultCodecTest.V1_FINGERPRINT,
        SchemaNormalization.parsingFingerprint64(v1),
        "check-result-v1.avsc was edited: restore it and add a new version instead");
  }

  @Test
  void version2FingerprintNeverChanges() throws IOException {
    Schema v2;
    try (InputStream in =
        CheckResultSchemasTest.class.getResourceAsStream("check-result-v2.avsc")) {
      v2 = new Schema.Parser().parse(in);
    }

    assertEquals(
        CheckResultCodecTest.V2_FINGERPRINT,
        SchemaNormalization.parsingFingerprint64(v2),
        "check-result-v2.avsc was edited: restore it and add a new version instead");
  }

  @Test
  void version3FingerprintNeverChanges() throws IOException {
    Schema v3;
    try (InputStream in =
        CheckResultSchemasTest.class.getResourceAsStream("check-result-v3.avsc")) {
      v3 = new Schema.Parser().parse(in);
    }

    assertEquals(
        CheckResultCodecTest.V3_FINGERPRINT,
        SchemaNormalization.parsingFingerprint64(v3),
        "check-result-v3.avsc was edited: restore it and add a new version instead");
  }

  @Test
  void readsAReasonItDoesNotKnowAsError() throws IOException {
    String v1Text = v1Text();
    Schema v1 = new Schema.Parser().parse(v1Text);
    Schema future =
        new Schema.Parser().parse(v1Text.replace("\"SLOW\",", "\"SLOW\", \"CAPTCHA\","));
    Schema futureReason = future.getField("reason").schema().getTypes().get(1);
    GenericRecord written = new GenericData.Record(future);
    written.put("id", new GenericData.Fixed(future.getField("id").schema(), new byte[16]));
    written.put("siteId", "example");
    written.put("url", "https://example.com/");
    written.put("startedAt", 0L);
    written.put("durationMicros", 0L);
    written.put("status", new GenericData.EnumSymbol(future.getField("status").schema(), "DOWN"));
    written.put("reason", new GenericData.EnumSymbol(futureReason, "CAPTCHA"));
    written.put("message", "asked for a captcha");
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(body, null);
    new GenericDatumWriter<GenericRecord>(future).write(written, encoder);
    encoder.flush();

    GenericRecord read =
        new GenericDatumReader<GenericRecord>(future, v1)
            .read(null, DecoderFactory.get().binaryDecoder(body.toByteArray(), null));

    assertEquals("ERROR", read.get("reason").toString());
  }
}
