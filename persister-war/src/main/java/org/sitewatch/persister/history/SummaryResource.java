package org.sitewatch.persister.history;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.sitewatch.persister.uptime.Rollups;
import org.sitewatch.persister.uptime.SummaryView;

/** How many sites are in each state. */
@Path("/summary")
@Produces(MediaType.APPLICATION_JSON)
@ApplicationScoped
public class SummaryResource {

  @Inject Rollups rollups;

  @GET
  public SummaryView summary() {
    return rollups.summary();
  }
}
