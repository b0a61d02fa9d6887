package org.sitewatch.persister.alert;

import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;
import java.io.StringReader;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.UUID;
import org.sitewatch.common.Outcome.Status;
import org.sitewatch.common.Reason;

/**
 * A site's location runs as the JSON object of {@code site_alert.locations}: by location name,
 * {@code {"verdict", "consecutive", "runStartedAt", "runReason", "runMessage", "lastResultAt",
 * "lastResultId"}}, absent fields null.
 */
final class LocationRunsJson {

  /** Looked up once: {@code Json.createObjectBuilder} looks the provider up on every call. */
  private static final JsonProvider JSON = JsonProvider.provider();

  private LocationRunsJson() {}

  static String write(Map<String, LocationRun> runs) {
    JsonObjectBuilder object = JSON.createObjectBuilder();
    runs.forEach(
        (location, run) -> {
          JsonObjectBuilder fields =
              JSON.createObjectBuilder()
                  .add("verdict", run.verdict.name())
                  .add("consecutive", run.consecutive);
          addIfSet(fields, "runStartedAt", run.runStartedAt);
          addIfSet(fields, "runReason", run.runReason == null ? null : run.runReason.name());
          addIfSet(fields, "runMessage", run.runMessage);
          addIfSet(fields, "lastResultAt", run.lastResultAt);
          addIfSet(fields, "lastResultId", run.lastResultId);
          object.add(location, fields);
        });
    return object.build().toString();
  }

  static void read(String json, Map<String, LocationRun> into) {
    try (var reader = JSON.createReader(new StringReader(json))) {
      reader
          .readObject()
          .forEach(
              (location, value) -> {
                JsonObject fields = value.asJsonObject();
                LocationRun run = new LocationRun();
                run.verdict = Status.valueOf(fields.getString("verdict"));
                run.consecutive = fields.getInt("consecutive");
                run.runStartedAt = instant(fields, "runStartedAt");
                String reason = text(fields, "runReason");
                run.runReason = reason == null ? null : Reason.valueOf(reason);
                run.runMessage = text(fields, "runMessage");
                run.lastResultAt = instant(fields, "lastResultAt");
                String id = text(fields, "lastResultId");
                run.lastResultId = id == null ? null : UUID.fromString(id);
                into.put(location, run);
              });
    }
  }

  private static void addIfSet(JsonObjectBuilder fields, String name, Object value) {
    if (value != null) {
      fields.add(name, value.toString());
    }
  }

  private static String text(JsonObject fields, String name) {
    JsonValue value = fields.get(name);
    return value == null || value.getValueType() == JsonValue.ValueType.NULL
        ? null
        : fields.getString(name);
  }

  /** Written by Java as {@code …Z}, by PostgreSQL's {@code to_jsonb} with an offset. */
  private static Instant instant(JsonObject fields, String name) {
    String text = text(fields, name);
    return text == null ? null : OffsetDateTime.parse(text).toInstant();
  }
}
