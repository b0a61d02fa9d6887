package org.sitewatch.persister.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import java.io.StringReader;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class LabelsJsonTest {

  @Test
  void noLabelsAreAnEmptyObject() {
    assertEquals("{}", LabelsJson.write(Map.of()));
  }

  @Test
  void writesEveryLabelInOrder() {
    Map<String, String> labels = new LinkedHashMap<>();
    labels.put("env", "prod");
    labels.put("team/owner", "web ü");

    assertEquals("{\"env\":\"prod\",\"team/owner\":\"web ü\"}", LabelsJson.write(labels));
  }

  @Test
  void quotesBackslashesAndControlCharactersReadBackAsWritten() {
    Map<String, String> labels = Map.of("k", "say \"hi\" C:\\ \t", "q\"", "\u0001");

    assertEquals(labels, read(LabelsJson.write(labels)), "the JSON reads back to the labels");
  }

  private static Map<String, String> read(String json) {
    try (var reader = Json.createReader(new StringReader(json))) {
      JsonObject object = reader.readObject();
      return object.entrySet().stream()
          .collect(
              Collectors.toMap(Map.Entry::getKey, e -> ((JsonString) e.getValue()).getString()));
    }
  }
}
