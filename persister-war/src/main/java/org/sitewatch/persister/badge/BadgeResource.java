package org.sitewatch.persister.badge;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.CacheControl;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import org.sitewatch.persister.badge.Badge.Colour;
import org.sitewatch.persister.history.HistoryRepository;
import org.sitewatch.persister.uptime.Rollups;
import org.sitewatch.persister.uptime.UptimeView;
import org.sitewatch.persister.uptime.Window;

/**
 * SVG badges of a site, for READMEs and wikis: its state, its uptime over a window and its mean
 * response time over the last 24 hours. An unknown site gets a grey badge with a 404.
 *
 * <p>META-INF/openapi.yaml describes them: the OpenAPI scan would put them under the other
 * application's path.
 */
@Path("/{siteId}")
@Produces(BadgeResource.SVG)
@ApplicationScoped
public class BadgeResource {

  static final String SVG = "image/svg+xml";

  /** Short enough that a README shows a change within a minute, long enough to spare the API. */
  private static final int MAX_AGE_SECONDS = 30;

  @Inject HistoryRepository repository;

  @Inject Rollups rollups;

  @GET
  @Path("/status.svg")
  public Response status(@PathParam("siteId") String siteId) {
    Optional<String> state = repository.state(siteId);
    if (state.isEmpty()) {
      return unknown("status");
    }
    boolean up = state.get().equals("UP");
    return badge(new Badge("status", up ? "up" : "down", up ? Colour.GREEN : Colour.RED));
  }

  /**
   * {@code uptime-24h.svg}, {@code uptime-7d.svg}, {@code uptime-30d.svg}, {@code uptime-90d.svg}.
   */
  @GET
  @Path("/uptime-{window}.svg")
  public Response uptime(@PathParam("siteId") String siteId, @PathParam("window") String window) {
    Window span = Window.parse(window);
    String label = "uptime " + span.text();
    if (repository.state(siteId).isEmpty()) {
      return unknown(label);
    }
    Double uptime = rollups.figures(siteId, span, Instant.now()).uptime();
    if (uptime == null) {
      return badge(new Badge(label, "no data", Colour.GREY));
    }
    Colour colour =
        uptime >= 99.9
            ? Colour.GREEN
            : uptime >= 99 ? Colour.YELLOW_GREEN : uptime >= 95 ? Colour.YELLOW : Colour.RED;
    return badge(
        new Badge(
            label, String.format(Locale.ROOT, "%.2f%%", Math.floor(uptime * 100) / 100), colour));
  }

  @GET
  @Path("/response-time.svg")
  public Response responseTime(@PathParam("siteId") String siteId) {
    String label = "response time 24h";
    if (repository.state(siteId).isEmpty()) {
      return unknown(label);
    }
    UptimeView day = rollups.figures(siteId, Window.H24, Instant.now());
    Double mean = day.responseTimeMs().mean();
    return badge(
        mean == null
            ? new Badge(label, "no data", Colour.GREY)
            : new Badge(label, Math.round(mean) + " ms", Colour.GREEN));
  }

  private static Response badge(Badge badge) {
    CacheControl cache = new CacheControl();
    cache.setMaxAge(MAX_AGE_SECONDS);
    return Response.ok(badge.svg(), SVG).cacheControl(cache).build();
  }

  private static Response unknown(String label) {
    return Response.status(Response.Status.NOT_FOUND)
        .type(SVG)
        .entity(new Badge(label, "unknown site", Colour.GREY).svg())
        .build();
  }
}
