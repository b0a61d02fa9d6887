package org.sitewatch.persister.incident;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.sitewatch.persister.history.ErrorView;

/** The incidents of every site: each DOWN period, newest first. */
@Path("/incidents")
@Produces(MediaType.APPLICATION_JSON)
@ApplicationScoped
@Tag(name = "incidents")
@APIResponse(
    responseCode = "400",
    description = "A query parameter is bad; the body names it",
    content = @Content(schema = @Schema(implementation = ErrorView.class)))
@APIResponse(
    responseCode = "503",
    description = "The database is not available; try again later",
    content = @Content(schema = @Schema(implementation = ErrorView.class)))
public class IncidentsResource {

  public static final String LIMIT = "How many, 1 to 1000 (default 100)";
  public static final String OPEN = "true: only open incidents; false: only resolved ones";
  public static final String BEFORE = "Only incidents with a smaller id: the cursor of a next link";

  @Inject Incidents incidents;

  @GET
  @Operation(summary = "Incidents, newest first, a page at a time")
  @APIResponse(
      responseCode = "200",
      description = "A page of incidents; a Link header with rel=\"next\" when there are more",
      headers =
          @Header(
              name = "Link",
              description = "<URL of the next page>; rel=\"next\"",
              schema = @Schema(type = SchemaType.STRING)),
      content =
          @Content(schema = @Schema(type = SchemaType.ARRAY, implementation = IncidentView.class)))
  public Response list(
      @Parameter(description = LIMIT) @QueryParam("limit") String limit,
      @Parameter(description = OPEN, schema = @Schema(enumeration = {"true", "false"}))
          @QueryParam("open")
          String open,
      @Parameter(description = "Only this site's incidents") @QueryParam("site") String site,
      @Parameter(description = BEFORE) @QueryParam("before") String before,
      @Context UriInfo uri) {
    return page(incidents, IncidentsQuery.parse(limit, open, site, before), uri);
  }

  /** A page of {@code query}, with a next link when there are more. */
  public static Response page(Incidents incidents, IncidentsQuery query, UriInfo uri) {
    List<IncidentView> rows = incidents.page(query);
    if (rows.size() <= query.limit()) {
      return Response.ok(rows).build();
    }
    List<IncidentView> page = rows.subList(0, query.limit());
    return Response.ok(page)
        .link(
            uri.getRequestUriBuilder()
                .replaceQueryParam("limit", query.limit())
                .replaceQueryParam("before", page.get(page.size() - 1).id())
                .build(),
            "next")
        .build();
  }
}
