package org.sitewatch.checker.api;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import java.io.InputStream;
import java.nio.file.Files;
import org.junit.jupiter.api.Test;

class SitesSchemaResourceTest {

  private static final java.nio.file.Path SCHEMA =
      java.nio.file.Path.of("src/main/resources/sites.schema.json");

  @Test
  void servesTheSchemaFileOfTheRepository() throws Exception {
    try (InputStream served = new SitesSchemaResource().schema()) {
      assertArrayEquals(
          Files.readAllBytes(SCHEMA), served.readAllBytes(), "the served schema is " + SCHEMA);
    }
  }

  @Test
  void servesItAsAJsonSchemaAtSitesSchemaJson() throws Exception {
    assertEquals("sites.schema.json", SitesSchemaResource.class.getAnnotation(Path.class).value());
    assertEquals(
        "application/schema+json",
        SitesSchemaResource.class.getMethod("schema").getAnnotation(Produces.class).value()[0]);
  }
}
