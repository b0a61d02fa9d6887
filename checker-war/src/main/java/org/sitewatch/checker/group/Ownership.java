package org.sitewatch.checker.group;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Which sites this checker owns at one moment: the partitions of the group topic the group has
 * assigned it. Immutable; each change has a higher {@code version}.
 *
 * @param partitions the assigned partitions
 * @param partitionCount how many the topic has; 0 until the topic was found
 * @param generation the group generation that assigned them; -1 before the first
 * @param version increases with every change the scheduler must follow
 * @param handedOver for partitions just taken over from a checker that released them: the instant
 *     from which their sites are this checker's to probe (that checker made every probe due before)
 */
public record Ownership(
    Set<Integer> partitions,
    int partitionCount,
    int generation,
    long version,
    Map<Integer, Instant> handedOver) {

  /** Before the group first assigned anything: owns no site. */
  public static final Ownership NONE = new Ownership(Set.of(), 0, -1, 0, Map.of());

  public Ownership {
    partitions = Set.copyOf(partitions);
    handedOver = Map.copyOf(handedOver);
  }

  public boolean owns(String siteId) {
    return partitionCount > 0 && partitions.contains(SitePartitions.of(siteId, partitionCount));
  }

  /** Whether the group has assigned this checker its share at least once. */
  public boolean joined() {
    return generation >= 0;
  }

  /**
   * When the site was handed over to this checker, if its partition just was: its probes due from
   * then on are this checker's.
   */
  public Optional<Instant> handedOverAt(String siteId) {
    return partitionCount == 0
        ? Optional.empty()
        : Optional.ofNullable(handedOver.get(SitePartitions.of(siteId, partitionCount)));
  }

  /**
   * The same sites, with no hand-over: what a reload of the sites file starts is not taken over.
   */
  public Ownership settled() {
    return new Ownership(partitions, partitionCount, generation, version, Map.of());
  }

  Ownership next(Set<Integer> assigned, int count, int newGeneration) {
    return next(assigned, count, newGeneration, Map.of());
  }

  Ownership next(
      Set<Integer> assigned, int count, int newGeneration, Map<Integer, Instant> handOvers) {
    return new Ownership(assigned, count, newGeneration, version + 1, handOvers);
  }
}
