package org.sitewatch.persister.store;

import java.util.Map;

/**
 * A result's labels as the JSON object the {@code labels} jsonb column holds. Written by hand: a
 * flat map of strings needs only string escaping, and this runs for every stored result.
 */
final class LabelsJson {

  private LabelsJson() {}

  static String write(Map<String, String> labels) {
    if (labels.isEmpty()) {
      return "{}";
    }
    StringBuilder json = new StringBuilder(32 * labels.size());
    json.append('{');
    for (Map.Entry<String, String> label : labels.entrySet()) {
      if (json.length() > 1) {
        json.append(',');
      }
      string(json, label.getKey());
      json.append(':');
      string(json, label.getValue());
    }
    return json.append('}').toString();
  }

  private static void string(StringBuilder json, String text) {
    json.append('"');
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '"' -> json.append("\\\"");
        case '\\' -> json.append("\\\\");
        default -> {
          if (c < 0x20) {
            json.append(String.format("\\u%04x", (int) c));
          } else {
            json.append(c);
          }
        }
      }
    }
    json.append('"');
  }
}
