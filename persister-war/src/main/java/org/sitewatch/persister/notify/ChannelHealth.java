package org.sitewatch.persister.notify;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Which channels fail now and why. The log says once when a channel starts failing (and when its
 * reason changes) and once when it delivers again; readiness shows the current reasons.
 */
@ApplicationScoped
public class ChannelHealth {

  private static final Logger LOG = Logger.getLogger(ChannelHealth.class.getName());

  private final Map<String, String> failing = new ConcurrentHashMap<>();

  void failed(String channel, String error) {
    String before = failing.put(channel, error);
    if (!error.equals(before)) {
      LOG.log(
          Level.WARNING,
          "Notification channel {0} is failing, retrying with backoff: {1}",
          new Object[] {channel, error});
    }
  }

  void delivered(String channel) {
    if (failing.remove(channel) != null) {
      LOG.log(Level.INFO, "Notification channel {0} delivers again", channel);
    }
  }

  /** Each failing channel's last error, by channel name. */
  public Map<String, String> failing() {
    return new TreeMap<>(failing);
  }
}
