package org.sitewatch.persister.badge;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;
import java.util.Set;
import org.sitewatch.persister.history.DatabaseErrorMapper;
import org.sitewatch.persister.history.InvalidParameterMapper;

/** The badges, under /badge. */
@ApplicationPath("/badge")
public class BadgeApplication extends Application {

  @Override
  public Set<Class<?>> getClasses() {
    return Set.of(BadgeResource.class, InvalidParameterMapper.class, DatabaseErrorMapper.class);
  }
}
