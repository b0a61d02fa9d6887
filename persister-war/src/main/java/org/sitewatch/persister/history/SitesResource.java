package org.sitewatch.persister.history;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.net.URI;
import java.util.List;

/** The sites and their stored results. */
@Path("/sites")
@Produces(MediaType.APPLICATION_JSON)
@ApplicationScoped
public class SitesResource {

  @Inject HistoryRepository repository;

  /**
   * The sites' latest states, by site id, a page at a time. When there are more, a {@code Link}
   * header with {@code rel="next"} gives the next page's URL.
   *
   * @param limit how many, 1 to 1000 (default 100)
   * @param after only sites whose id sorts after this one, for paging on
   */
  @GET
  public Response sites(
      @QueryParam("limit") String limit, @QueryParam("after") String after, @Context UriInfo uri) {
    SitesQuery query = SitesQuery.parse(limit, after);
    List<SiteView> sites = repository.sites(query);
    if (sites.size() <= query.limit()) {
      return Response.ok(sites).build();
    }
    List<SiteView> page = sites.subList(0, query.limit());
    URI next =
        uri.getRequestUriBuilder()
            .replaceQueryParam("limit", query.limit())
            .replaceQueryParam("after", page.get(page.size() - 1).siteId())
            .build();
    return Response.ok(page).link(next, "next").build();
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
