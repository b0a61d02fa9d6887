package org.sitewatch.persister.jdbc;

import jakarta.json.spi.JsonProvider;
import java.util.Map;

/** A result's labels as the JSON object the {@code labels} jsonb column holds. */
public final class LabelsJson {

  /** Looked up once: {@code Json.createObjectBuilder} looks the provider up on every call. */
  private static final JsonProvider JSON = JsonProvider.provider();

  private LabelsJson() {}

  public static String write(Map<String, String> labels) {
    if (labels.isEmpty()) {
      return "{}";
    }
    var object = JSON.createObjectBuilder();
    labels.forEach(object::add);
    return object.build().toString();
  }
}
