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
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.sitewatch.persister.history.SitesQuery.SiteCursor;
import org.sitewatch.persister.history.SitesQuery.SiteOrder;
import org.sitewatch.persister.uptime.Rollups;
import org.sitewatch.persister.uptime.SiteFigures;
import org.sitewatch.persister.uptime.Step;
import org.sitewatch.persister.uptime.Window;

/** The sites, their stored results and their uptime. */
@Path("/sites")
@Produces(MediaType.APPLICATION_JSON)
@ApplicationScoped
public class SitesResource {

  @Inject HistoryRepository repository;

  @Inject Rollups rollups;

  /**
   * The sites with their state, latest result and uptime, a page at a time. When there are more, a
   * {@code Link} header with {@code rel="next"} gives the next page's URL.
   *
   * @param limit how many, 1 to 1000 (default 100)
   * @param sort {@code id} (default) or {@code state}: DOWN sites first
   * @param cursor where the page starts, from a next link
   * @param after only sites whose id sorts after this one (id order only)
   * @param state only sites in this state: UP or DOWN
   * @param labels only sites with these labels, each {@code key:value}
   * @param text only sites whose id, url or labels contain this, ignoring case
   * @param days how many days of daily uptime to give each site, 0 (default) to 90
   */
  @GET
  public Response sites(
      @QueryParam("limit") String limit,
      @QueryParam("sort") String sort,
      @QueryParam("cursor") String cursor,
      @QueryParam("after") String after,
      @QueryParam("state") String state,
      @QueryParam("label") List<String> labels,
      @QueryParam("q") String text,
      @QueryParam("days") String days,
      @Context UriInfo uri) {
    SitesQuery query = SitesQuery.parse(limit, sort, cursor, after, state, labels, text, days);
    List<SiteRow> rows = repository.sites(query);
    List<SiteRow> page = rows.subList(0, Math.min(rows.size(), query.limit()));
    Map<String, SiteFigures> figures =
        rollups.forSites(page.stream().map(SiteRow::siteId).toList(), query.days(), Instant.now());
    List<SiteView> sites =
        page.stream()
            .map(
                row -> {
                  SiteFigures site = figures.get(row.siteId());
                  return row.toView(site.uptime(), site.daily());
                })
            .toList();
    if (rows.size() <= query.limit()) {
      return Response.ok(sites).build();
    }
    SiteRow last = page.get(page.size() - 1);
    SiteCursor next =
        new SiteCursor(query.order() == SiteOrder.STATE ? last.lastStatus() : null, last.siteId());
    URI nextPage =
        uri.getRequestUriBuilder()
            .replaceQueryParam("after")
            .replaceQueryParam("limit", query.limit())
            .replaceQueryParam("cursor", next.encode())
            .build();
    return Response.ok(sites).link(nextPage, "next").build();
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
      return unknown(siteId);
    }
    return Response.ok(repository.results(siteId, query)).build();
  }

  /**
   * A site's uptime over a window, its response times and its changes of state in it.
   *
   * @param window {@code 24h} (default), {@code 7d}, {@code 30d} or {@code 90d}
   */
  @GET
  @Path("/{siteId}/uptime")
  public Response uptime(@PathParam("siteId") String siteId, @QueryParam("window") String window) {
    Window span = Window.parse(window);
    if (!repository.siteExists(siteId)) {
      return unknown(siteId);
    }
    return Response.ok(rollups.uptime(siteId, span, Instant.now())).build();
  }

  /**
   * A site's uptime and response time per step, for charts.
   *
   * @param window {@code 24h} (default), {@code 7d}, {@code 30d} or {@code 90d}
   * @param step {@code 1h}, {@code 6h} (windows up to 30d) or {@code 1d}; by default 1h for 24h, 6h
   *     for 7d, 1d for the longer windows
   */
  @GET
  @Path("/{siteId}/series")
  public Response series(
      @PathParam("siteId") String siteId,
      @QueryParam("window") String window,
      @QueryParam("step") String step) {
    Window span = Window.parse(window);
    Step width = Step.parse(step, span);
    if (!repository.siteExists(siteId)) {
      return unknown(siteId);
    }
    return Response.ok(rollups.series(siteId, span, width, Instant.now())).build();
  }

  private static Response unknown(String siteId) {
    return Response.status(Response.Status.NOT_FOUND)
        .type(MediaType.APPLICATION_JSON)
        .entity(new ErrorView("no results for site '" + siteId + "'"))
        .build();
  }
}
