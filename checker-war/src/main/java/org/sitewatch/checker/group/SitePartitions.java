package org.sitewatch.checker.group;

import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.utils.Utils;

/**
 * Which partition of the checkers' group topic a site belongs to: the one Kafka's default
 * partitioner would give a record keyed by its id. Partitions, not sites, are what the group hands
 * out, so a change of members moves whole partitions and each site moves with its partition.
 */
public final class SitePartitions {

  private SitePartitions() {}

  public static int of(String siteId, int partitions) {
    return Utils.toPositive(Utils.murmur2(siteId.getBytes(StandardCharsets.UTF_8))) % partitions;
  }
}
