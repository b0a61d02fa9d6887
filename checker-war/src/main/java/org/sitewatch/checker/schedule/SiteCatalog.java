package org.sitewatch.checker.schedule;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.util.List;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.sitewatch.checker.site.Site;
import org.sitewatch.checker.site.SitesFileParser;

/** The sites file named by {@code sitewatch.sites.file} (env SITEWATCH_SITES_FILE). */
@ApplicationScoped
public class SiteCatalog {

  private final Path file;

  @Inject
  public SiteCatalog(@ConfigProperty(name = "sitewatch.sites.file") String file) {
    this.file = Path.of(file).toAbsolutePath();
  }

  /** For CDI's proxy. */
  protected SiteCatalog() {
    this.file = null;
  }

  public Path file() {
    return file;
  }

  public List<Site> load() {
    return new SitesFileParser().parse(file);
  }
}
