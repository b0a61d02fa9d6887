package org.sitewatch.checker.group;

import java.time.Instant;
import java.util.Optional;

/**
 * Which of the sites this checker probes, decided with the other checkers of its location. The
 * scheduler follows {@link #current()} and reports each version it has applied, so that a site
 * handed to another checker has stopped here before the other starts it.
 */
public interface SiteOwnership {

  /** Joins the group; until it has, this checker owns no site. */
  void start();

  Ownership current();

  /**
   * The scheduler's timers now cover exactly the sites of {@code version}; every probe of the sites
   * it stopped that was due before {@code probedUntil} was started here.
   */
  void applied(long version, Instant probedUntil);

  /**
   * Leaves the group, once this checker has stopped probing, so others take over at once: from
   * {@code probedUntil}, before which every due probe was started here.
   */
  void leave(Instant probedUntil);

  /** Whether this checker is a member of the group now, as the broker last answered. */
  boolean membershipCurrent();

  /** The group this checker belongs to (one per location), and its member id there. */
  String group();

  Optional<String> memberId();
}
