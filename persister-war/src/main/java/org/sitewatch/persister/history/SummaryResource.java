package org.sitewatch.persister.history;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.sitewatch.persister.uptime.Rollups;
import org.sitewatch.persister.uptime.SummaryView;

/** How many sites are in each state. */
@Path("/summary")
@Produces(MediaType.APPLICATION_JSON)
@ApplicationScoped
@Tag(name = "sites")
public class SummaryResource {

  @Inject Rollups rollups;

  @GET
  @Operation(summary = "How many sites there are, and how many in each state")
  @APIResponse(
      responseCode = "200",
      description = "The counts",
      content = @Content(schema = @Schema(implementation = SummaryView.class)))
  public SummaryView summary() {
    return rollups.summary();
  }
}
