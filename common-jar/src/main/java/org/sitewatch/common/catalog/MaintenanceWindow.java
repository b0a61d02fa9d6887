package org.sitewatch.common.catalog;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A time in which a site's notifications are held back (its results are still stored): from {@code
 * start} for {@code duration}, and again every {@code every} after that if set.
 */
public record MaintenanceWindow(Instant start, Duration duration, Optional<Duration> every) {

  public MaintenanceWindow {
    Objects.requireNonNull(start, "start");
    if (duration.isNegative() || duration.isZero()) {
      throw new IllegalArgumentException("duration must be positive: " + duration);
    }
    if (every.isPresent() && every.get().compareTo(duration) <= 0) {
      throw new IllegalArgumentException(
          "every (" + every.get() + ") must be longer than duration (" + duration + ")");
    }
  }

  /** The end of the window occurrence that covers {@code at}, if one does. */
  public Optional<Instant> endIfCovering(Instant at) {
    if (at.isBefore(start)) {
      return Optional.empty();
    }
    Instant occurrence = start;
    if (every.isPresent()) {
      long periods = Duration.between(start, at).dividedBy(every.get());
      occurrence = start.plus(every.get().multipliedBy(periods));
    }
    Instant end = occurrence.plus(duration);
    return at.isBefore(end) ? Optional.of(end) : Optional.empty();
  }
}
