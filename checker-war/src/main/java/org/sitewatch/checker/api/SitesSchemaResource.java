package org.sitewatch.checker.api;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import java.io.InputStream;
import org.sitewatch.checker.site.SitesSchema;

/**
 * Serves the sites file's JSON Schema, the one the checker validates with, for editors and tools.
 */
@Path("sites.schema.json")
public class SitesSchemaResource {

  public static final String MEDIA_TYPE = "application/schema+json";

  @GET
  @Produces(MEDIA_TYPE)
  public InputStream schema() {
    return SitesSchema.open();
  }
}
