package org.sitewatch.persister.history;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;
import java.util.Set;

/** The history API, under /api. */
@ApplicationPath("/api")
public class HistoryApplication extends Application {

  /** Named, not scanned: the WAR holds another application (the badges). */
  @Override
  public Set<Class<?>> getClasses() {
    return Set.of(
        SitesResource.class,
        SummaryResource.class,
        InvalidParameterMapper.class,
        DatabaseErrorMapper.class);
  }
}
