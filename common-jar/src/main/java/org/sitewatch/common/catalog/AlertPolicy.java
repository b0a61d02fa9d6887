package org.sitewatch.common.catalog;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * When a site's state changes and to whom that is told.
 *
 * @param channels where its notifications go; none: its incidents are recorded, nobody is told
 * @param failureThreshold consecutive DOWN results that make an UP site DOWN, at least 1
 * @param successThreshold consecutive UP results that make a DOWN site UP again, at least 1
 * @param sendResolved whether the end of an incident is notified
 * @param remindEvery how often an open incident is notified again, if at all
 * @param minLocations how many locations must see the site DOWN (each by {@code failureThreshold})
 *     before it is DOWN, at least 1; with checkers in one location, 1
 */
public record AlertPolicy(
    List<AlertChannel> channels,
    int failureThreshold,
    int successThreshold,
    boolean sendResolved,
    Optional<Duration> remindEvery,
    int minLocations) {

  /** A site the catalogue does not name yet: the file's defaults, with nobody to tell. */
  public static final AlertPolicy DEFAULT =
      new AlertPolicy(List.of(), 3, 2, true, Optional.empty(), 1);

  /** A policy that one location decides: the shape before {@code minLocations}. */
  public AlertPolicy(
      List<AlertChannel> channels,
      int failureThreshold,
      int successThreshold,
      boolean sendResolved,
      Optional<Duration> remindEvery) {
    this(channels, failureThreshold, successThreshold, sendResolved, remindEvery, 1);
  }

  public AlertPolicy {
    channels = List.copyOf(channels);
    if (failureThreshold < 1 || successThreshold < 1) {
      throw new IllegalArgumentException(
          "thresholds must be at least 1: failure "
              + failureThreshold
              + ", success "
              + successThreshold);
    }
    if (minLocations < 1) {
      throw new IllegalArgumentException("minLocations must be at least 1: " + minLocations);
    }
    if (remindEvery.isPresent() && (remindEvery.get().isNegative() || remindEvery.get().isZero())) {
      throw new IllegalArgumentException("remindEvery must be positive: " + remindEvery.get());
    }
  }
}
