package org.sitewatch.systemtest;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.sitewatch.checker.site.SitesSchema;

/** The running checker serves the sites file's JSON Schema, the one it validates with. */
class SitesSchemaIT {

  @Test
  void theCheckerServesItsSchemaAsJsonSchema() throws IOException {
    var response = Stack.get(Stack.checker("/checker/sites.schema.json"));

    assertEquals(200, response.statusCode(), response.body());
    assertEquals(
        "application/schema+json",
        response.headers().firstValue("Content-Type").orElse("none").split(";")[0].strip(),
        "the media type of a JSON Schema");
    try (InputStream schema = SitesSchema.open()) {
      assertEquals(
          new String(schema.readAllBytes(), StandardCharsets.UTF_8),
          response.body(),
          "the schema on the checker's class path");
    }
  }
}
