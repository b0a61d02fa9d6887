package org.sitewatch.checker.site;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.InputStream;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.sitewatch.support.duration.Durations;
import tools.jackson.databind.json.JsonMapper;

/** The sites file's schema and {@link Durations} agree on what a duration is. */
class SitesSchemaDurationTest {

  @ParameterizedTest
  @CsvSource({
    "500ms",
    "30s",
    "1m30s",
    "2h3m4s5ms",
    "0s",
    "999999999999h",
    "60",
    "1m30",
    "5d",
    "7d12h",
    "5w",
    "1h1d",
    "30s1m",
    "1m1m",
    "1.5s",
    "-5s",
    "s",
    "30 s",
    "30S",
    "9999999999999h",
    "1ms1s",
    "5m5ms",
    "h1"
  })
  void theSchemaPatternAcceptsWhatTheParserDoes(String text) throws Exception {
    Pattern schema;
    try (InputStream in = SitesSchema.open()) {
      schema =
          Pattern.compile(
              JsonMapper.builder().build().readTree(in).at("/$defs/duration/pattern").asString());
    }
    boolean parses;
    try {
      Durations.parse(text);
      parses = true;
    } catch (IllegalArgumentException e) {
      parses = false;
    }
    assertEquals(parses, schema.matcher(text).matches(), text);
  }
}
