package org.sitewatch.persister.store;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.LinkedHashMap;
import java.util.Map;
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
  void escapesQuotesBackslashesAndControlCharacters() {
    assertEquals(
        "{\"k\":\"say \\\"hi\\\" C:\\\\ \\u0009\"}",
        LabelsJson.write(Map.of("k", "say \"hi\" C:\\ \t")));
  }
}
