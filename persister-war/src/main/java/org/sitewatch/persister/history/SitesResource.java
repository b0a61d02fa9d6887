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
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.sitewatch.persister.history.SitesQuery.SiteCursor;
import org.sitewatch.persister.history.SitesQuery.SiteOrder;
import org.sitewatch.persister.incident.IncidentView;
import org.sitewatch.persister.incident.Incidents;
import org.sitewatch.persister.incident.IncidentsQuery;
import org.sitewatch.persister.incident.IncidentsResource;
import org.sitewatch.persister.uptime.Rollups;
import org.sitewatch.persister.uptime.SeriesView;
import org.sitewatch.persister.uptime.SiteFigures;
import org.sitewatch.persister.uptime.Step;
import org.sitewatch.persister.uptime.UptimeView;
import org.sitewatch.persister.uptime.Window;

/** The sites, their stored results and their uptime. */
@Path("/sites")
@Produces(MediaType.APPLICATION_JSON)
@ApplicationScoped
@Tag(name = "sites")
@APIResponse(
    responseCode = "400",
    description = "A query parameter is bad; the body names it",
    content = @Content(schema = @Schema(implementation = ErrorView.class)))
@APIResponse(
    responseCode = "503",
    description = "The database is not available; try again later",
    content = @Content(schema = @Schema(implementation = ErrorView.class)))
public class SitesResource {

  private static final String NOT_FOUND = "404";
  private static final String WINDOW =
      "24h (default): the last 24 clock hours; 7d, 30d, 90d: UTC days, today included";
  private static final String NO_SUCH_SITE = "No result of this site has been stored";

  @Inject HistoryRepository repository;

  @Inject Rollups rollups;

  @Inject Incidents incidents;

  @Inject SiteAlerts alerts;

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
  @Operation(summary = "The sites with their state, latest result and uptime, a page at a time")
  @APIResponse(
      responseCode = "200",
      description = "A page of sites; a Link header with rel=\"next\" when there are more",
      headers =
          @Header(
              name = "Link",
              description = "<URL of the next page>; rel=\"next\"",
              schema = @Schema(type = SchemaType.STRING)),
      content =
          @Content(schema = @Schema(type = SchemaType.ARRAY, implementation = SiteView.class)))
  public Response sites(
      @Parameter(description = "How many, 1 to 1000 (default 100)") @QueryParam("limit")
          String limit,
      @Parameter(
              description = "id (default), or state: DOWN sites first",
              schema = @Schema(enumeration = {"id", "state"}))
          @QueryParam("sort")
          String sort,
      @Parameter(description = "Where the page starts: the cursor of a next link")
          @QueryParam("cursor")
          String cursor,
      @Parameter(description = "Only sites whose id sorts after this one (id order)")
          @QueryParam("after")
          String after,
      @Parameter(
              description = "Only sites in this state",
              schema = @Schema(enumeration = {"UP", "DOWN"}))
          @QueryParam("state")
          String state,
      @Parameter(description = "Only sites with this label, key:value; repeat for several")
          @QueryParam("label")
          List<String> labels,
      @Parameter(description = "Only sites whose id, url or labels contain this, ignoring case")
          @QueryParam("q")
          String text,
      @Parameter(description = "Days of daily uptime for each site, 0 (default) to 90")
          @QueryParam("days")
          String days,
      @Context UriInfo uri) {
    SitesQuery query = SitesQuery.parse(limit, sort, cursor, after, state, labels, text, days);
    List<SiteRow> rows = repository.sites(query);
    List<SiteRow> page = rows.subList(0, Math.min(rows.size(), query.limit()));
    List<String> siteIds = page.stream().map(SiteRow::siteId).toList();
    Map<String, SiteFigures> figures = rollups.forSites(siteIds, query.days(), Instant.now());
    Map<String, SiteAlerts.Named> named = alerts.of(siteIds);
    List<SiteView> sites =
        page.stream()
            .map(
                row -> {
                  SiteFigures site = figures.get(row.siteId());
                  SiteAlerts.Named alert = named.get(row.siteId());
                  return row.toView(alert.name(), alert.alert(), site.uptime(), site.daily());
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
  @Operation(summary = "A site's results, newest first")
  @APIResponse(
      responseCode = "200",
      description = "The results",
      content =
          @Content(schema = @Schema(type = SchemaType.ARRAY, implementation = ResultView.class)))
  @APIResponse(responseCode = NOT_FOUND, description = NO_SUCH_SITE)
  public Response results(
      @PathParam("siteId") String siteId,
      @Parameter(description = "How many, 1 to 1000 (default 100)") @QueryParam("limit")
          String limit,
      @Parameter(description = "Only results that started before this ISO-8601 instant")
          @QueryParam("before")
          String before) {
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
  @Operation(summary = "A site's uptime, response times and changes of state over a window")
  @APIResponse(
      responseCode = "200",
      description = "The figures",
      content = @Content(schema = @Schema(implementation = UptimeView.class)))
  @APIResponse(responseCode = NOT_FOUND, description = NO_SUCH_SITE)
  public Response uptime(
      @PathParam("siteId") String siteId,
      @Parameter(description = WINDOW, schema = @Schema(enumeration = {"24h", "7d", "30d", "90d"}))
          @QueryParam("window")
          String window) {
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
  @Operation(summary = "A site's uptime and response time per step over a window, for charts")
  @APIResponse(
      responseCode = "200",
      description = "One point per step, oldest first",
      content = @Content(schema = @Schema(implementation = SeriesView.class)))
  @APIResponse(responseCode = NOT_FOUND, description = NO_SUCH_SITE)
  public Response series(
      @PathParam("siteId") String siteId,
      @Parameter(description = WINDOW, schema = @Schema(enumeration = {"24h", "7d", "30d", "90d"}))
          @QueryParam("window")
          String window,
      @Parameter(
              description =
                  "1h or 6h (windows up to 30d) or 1d; by default 1h for 24h, 6h for 7d, 1d beyond",
              schema = @Schema(enumeration = {"1h", "6h", "1d"}))
          @QueryParam("step")
          String step) {
    Window span = Window.parse(window);
    Step width = Step.parse(step, span);
    if (!repository.siteExists(siteId)) {
      return unknown(siteId);
    }
    return Response.ok(rollups.series(siteId, span, width, Instant.now())).build();
  }

  /**
   * A site's incidents, newest first.
   *
   * @param limit how many, 1 to 1000 (default 100)
   * @param open {@code true}: only the open one; {@code false}: only resolved ones
   * @param before only incidents with a smaller id, for paging back
   */
  @GET
  @Path("/{siteId}/incidents")
  @Operation(summary = "A site's incidents (DOWN periods), newest first")
  @APIResponse(
      responseCode = "200",
      description = "A page of incidents; a Link header with rel=\"next\" when there are more",
      content =
          @Content(schema = @Schema(type = SchemaType.ARRAY, implementation = IncidentView.class)))
  @APIResponse(responseCode = NOT_FOUND, description = NO_SUCH_SITE)
  public Response incidents(
      @PathParam("siteId") String siteId,
      @Parameter(description = IncidentsResource.LIMIT) @QueryParam("limit") String limit,
      @Parameter(
              description = IncidentsResource.OPEN,
              schema = @Schema(enumeration = {"true", "false"}))
          @QueryParam("open")
          String open,
      @Parameter(description = IncidentsResource.BEFORE) @QueryParam("before") String before,
      @Context UriInfo uri) {
    IncidentsQuery query = IncidentsQuery.parse(limit, open, siteId, before);
    if (!repository.siteExists(siteId)) {
      return unknown(siteId);
    }
    return IncidentsResource.page(incidents, query, uri);
  }

  private static Response unknown(String siteId) {
    return Response.status(Response.Status.NOT_FOUND)
        .type(MediaType.APPLICATION_JSON)
        .entity(new ErrorView("no results for site '" + siteId + "'"))
        .build();
  }
}
