package org.sitewatch.persister.history;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;

/** The sites and their stored results. */
@Path("/sites")
@Produces(MediaType.APPLICATION_JSON)
@ApplicationScoped
public class SitesResource {

  @Inject HistoryRepository repository;

  /** Every site's latest state, by site id. */
  @GET
  public List<SiteView> sites() {
    return repository.sites();
  }

  /**
   * A site's results, newest first.
   *
   * @param limit how many, 1 to 1000 (default 100)
   * @param before only results that started before this ISO-8601 instant, for paging back
   */
  @GET
  @Path("/{siteId}/results")
  public Response results(
      @PathParam("siteId") String siteId,
      @QueryParam("limit") String limit,
      @QueryParam("before") String before) {
    ResultsQuery query = ResultsQuery.parse(limit, before);
    if (!repository.siteExists(siteId)) {
      return Response.status(Response.Status.NOT_FOUND)
          .entity(new ErrorView("no results for site '" + siteId + "'"))
          .build();
    }
    return Response.ok(repository.results(siteId, query)).build();
  }
}
