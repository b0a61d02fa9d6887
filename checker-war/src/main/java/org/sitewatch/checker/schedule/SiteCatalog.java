package org.sitewatch.checker.schedule;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.sitewatch.checker.site.InvalidSitesFileException;
import org.sitewatch.checker.site.Site;
import org.sitewatch.checker.site.SitesFileParser;

/**
 * The sites file named by {@code sitewatch.sites.file} (env SITEWATCH_SITES_FILE), read at startup
 * and again whenever its content changes (polled every {@code sitewatch.sites.reload-interval}).
 * Its header values may read the server's own environment variables listed, comma-separated, in
 * {@code sitewatch.sites.header-env-allow} only.
 */
@ApplicationScoped
public class SiteCatalog {

  /** A changed sites file that was not applied, and why. */
  public record Rejection(Instant at, String reason) {}

  private final SitesFileWatch watch;
  private final Duration reloadInterval;
  private volatile Rejection lastRejection;

  @Inject
  public SiteCatalog(
      @ConfigProperty(name = "sitewatch.sites.file") String file,
      @ConfigProperty(name = "sitewatch.sites.reload-interval") Duration reloadInterval,
      @ConfigProperty(name = "sitewatch.sites.header-env-allow") Optional<String> headerEnvAllow) {
    this.watch =
        new SitesFileWatch(
            Path.of(file).toAbsolutePath(), SitesFileParser.allowing(headerEnvAllow));
    this.reloadInterval = reloadInterval;
  }

  /** For CDI's proxy. */
  protected SiteCatalog() {
    this.watch = null;
    this.reloadInterval = null;
  }

  public Path file() {
    return watch.file();
  }

  Duration reloadInterval() {
    return reloadInterval;
  }

  List<Site> load() {
    return watch.load();
  }

  /**
   * The new sites when the file changed and is valid; empty when unchanged.
   *
   * @throws InvalidSitesFileException when it changed and is invalid: the last good set stays
   */
  Optional<List<Site>> changed() {
    try {
      Optional<List<Site>> sites = watch.changed();
      if (watch.showsApplied()) {
        lastRejection = null;
      }
      return sites;
    } catch (InvalidSitesFileException e) {
      lastRejection = new Rejection(Instant.now(), e.getMessage());
      throw e;
    }
  }

  /** The last change that was rejected, until the file holds running or valid content again. */
  public Optional<Rejection> lastRejection() {
    return Optional.ofNullable(lastRejection);
  }
}
