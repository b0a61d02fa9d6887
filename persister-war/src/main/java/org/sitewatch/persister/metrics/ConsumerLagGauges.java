package org.sitewatch.persister.metrics;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.microprofile.metrics.MetricID;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.Tag;

/**
 * Records waiting for this server's consumer, one gauge per partition assigned to it: a partition
 * that moves to another persister takes its series along, so the servers' series add up.
 */
@ApplicationScoped
public class ConsumerLagGauges {

  static final String NAME = "sitewatch.consumer.lag.records";

  @Inject MetricRegistry registry;

  private final Map<Integer, Long> behind = new ConcurrentHashMap<>();

  /** The latest measurement: records behind per assigned partition (none when not a member). */
  public void measured(Map<Integer, Long> now) {
    for (Integer partition : behind.keySet()) {
      if (!now.containsKey(partition)) {
        registry.remove(series(partition));
        behind.remove(partition);
      }
    }
    now.forEach(
        (partition, records) -> {
          if (behind.put(partition, records) == null) {
            // By name and tags: Liberty's gauge(MetricID, Supplier) drops the MetricID's tags.
            registry.gauge(NAME, () -> behind.getOrDefault(partition, 0L), tag(partition));
          }
        });
  }

  private static MetricID series(int partition) {
    return new MetricID(NAME, tag(partition));
  }

  private static Tag tag(int partition) {
    return new Tag("partition", Integer.toString(partition));
  }
}
