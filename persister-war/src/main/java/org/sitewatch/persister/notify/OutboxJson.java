package org.sitewatch.persister.notify;

import jakarta.json.Json;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.sitewatch.common.catalog.AlertChannel;

/**
 * Reads an outbox row's {@code channel_spec} and {@code notice} (see the V5 migration for their
 * shape) into their records.
 */
final class OutboxJson {

  private OutboxJson() {}

  static AlertChannel channel(String json) {
    JsonObject spec = parse(json);
    List<String> to =
        spec.containsKey("to") && !spec.isNull("to")
            ? spec.getJsonArray("to").getValuesAs(JsonString.class).stream()
                .map(JsonString::getString)
                .toList()
            : List.of();
    return new AlertChannel(
        spec.getString("name"),
        AlertChannel.Type.valueOf(spec.getString("type")),
        text(spec, "url"),
        text(spec, "urlEnv"),
        text(spec, "secretEnv"),
        to);
  }

  static Notice notice(String json) {
    JsonObject notice = parse(json);
    Map<String, String> labels = new LinkedHashMap<>();
    JsonObject labelObject =
        notice.containsKey("labels") && !notice.isNull("labels")
            ? notice.getJsonObject("labels")
            : JsonValue.EMPTY_JSON_OBJECT;
    labelObject.forEach((key, value) -> labels.put(key, ((JsonString) value).getString()));
    return new Notice(
        notice.getString("siteId"),
        text(notice, "siteName").orElse(notice.getString("siteId")),
        notice.getString("siteUrl"),
        labels,
        notice.getJsonNumber("incidentId").longValueExact(),
        NotificationKind.valueOf(notice.getString("kind")),
        Instant.parse(notice.getString("openedAt")),
        text(notice, "resolvedAt").map(Instant::parse),
        text(notice, "reason"),
        text(notice, "message"),
        Instant.parse(notice.getString("resultAt")),
        number(notice, "httpStatus").map(JsonNumber::intValueExact),
        number(notice, "durationMs").map(JsonNumber::doubleValue).orElse(0.0),
        number(notice, "reminder").map(JsonNumber::intValueExact));
  }

  private static JsonObject parse(String json) {
    try (JsonReader reader = Json.createReader(new StringReader(json))) {
      return reader.readObject();
    }
  }

  private static Optional<String> text(JsonObject object, String name) {
    return object.containsKey(name) && !object.isNull(name)
        ? Optional.of(object.getString(name))
        : Optional.empty();
  }

  private static Optional<JsonNumber> number(JsonObject object, String name) {
    return object.containsKey(name) && !object.isNull(name)
        ? Optional.of(object.getJsonNumber(name))
        : Optional.empty();
  }
}
