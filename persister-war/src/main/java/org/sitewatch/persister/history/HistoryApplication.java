package org.sitewatch.persister.history;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;
import java.util.Set;
import org.eclipse.microprofile.openapi.annotations.OpenAPIDefinition;
import org.eclipse.microprofile.openapi.annotations.info.Info;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.sitewatch.persister.incident.IncidentsResource;

/** The history API, under /api. */
@ApplicationPath("/api")
@OpenAPIDefinition(
    info =
        @Info(
            title = "Sitewatch persister",
            version = "1",
            description =
                "The sites Sitewatch watches, their results, uptime and response times (under"
                    + " /api), and badges of them (under /badge). Read-only."),
    tags = {
      @Tag(name = "sites", description = "Sites, results, uptime"),
      @Tag(name = "incidents", description = "Each DOWN period of a site"),
      @Tag(name = "badges", description = "SVG badges for READMEs and wikis")
    })
public class HistoryApplication extends Application {

  /** Named, not scanned: the WAR holds another application (the badges). */
  @Override
  public Set<Class<?>> getClasses() {
    return Set.of(
        SitesResource.class,
        SummaryResource.class,
        IncidentsResource.class,
        InvalidParameterMapper.class,
        DatabaseErrorMapper.class,
        GzipResponses.class);
  }
}
