package org.sitewatch.persister.notify;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.sitewatch.common.catalog.AlertChannel;
import org.sitewatch.common.catalog.SiteDefinition;

/**
 * Checks each channel the catalogue names against this server's configuration as soon as a site
 * definition arrives, so that a secret nobody set shows on readiness and in the log before the
 * first incident needs it, not when its notification fails.
 */
@ApplicationScoped
public class ChannelSettings {

  private static final Logger LOG = Logger.getLogger(ChannelSettings.class.getName());

  @Inject ChannelSecrets secrets;

  private final Map<String, String> problems = new ConcurrentHashMap<>();

  public void check(SiteDefinition site) {
    for (AlertChannel channel : site.alerts().channels()) {
      Optional<String> problem = secrets.missing(channel);
      if (problem.isPresent()) {
        if (!problem.get().equals(problems.put(channel.name(), problem.get()))) {
          LOG.log(
              Level.WARNING,
              "Alerts of site {0} cannot be sent: {1}",
              new Object[] {site.id(), problem.get()});
        }
      } else if (problems.remove(channel.name()) != null) {
        LOG.log(Level.INFO, "Channel {0} is now set up on this server", channel.name());
      }
    }
  }

  /** The channels this server lacks settings for, by name, with what is missing. */
  public Map<String, String> problems() {
    return new TreeMap<>(problems);
  }
}
