package org.sitewatch.persister.history;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonReaderFactory;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.util.LinkedHashMap;
import java.util.Map;

/** Reads the labels column's JSON object of strings back into a map, for the API. */
final class LabelsView {

  /** Looked up once: {@link Json#createReader} finds the provider anew on every call. */
  private static final JsonReaderFactory READERS = Json.createReaderFactory(Map.of());

  private LabelsView() {}

  static Map<String, String> read(String json) {
    if (json == null || json.isBlank()) {
      return Map.of();
    }
    JsonObject object;
    try (JsonReader reader = READERS.createReader(new StringReader(json))) {
      object = reader.readObject();
    }
    Map<String, String> labels = new LinkedHashMap<>();
    for (Map.Entry<String, JsonValue> label : object.entrySet()) {
      JsonValue value = label.getValue();
      labels.put(
          label.getKey(), value instanceof JsonString text ? text.getString() : value.toString());
    }
    return labels;
  }
}
