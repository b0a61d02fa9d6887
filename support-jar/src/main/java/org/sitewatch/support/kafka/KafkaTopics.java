package org.sitewatch.support.kafka;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.errors.TopicExistsException;

/**
 * Creating the topics a server writes, so that their partitions, replication and cleanup are
 * Sitewatch's choice rather than a broker default. A topic that already exists is left as it is.
 *
 * <p>With three or more replicas a topic gets {@code min.insync.replicas=2}, which makes {@code
 * acks=all} mean something: a write must reach two before it counts, so losing one broker loses
 * nothing acknowledged. With fewer replicas that would stop every write while one is down, so the
 * broker's default stays.
 */
public final class KafkaTopics {

  static final int REPLICAS_FOR_TWO_IN_SYNC = 3;

  private KafkaTopics() {}

  /** The durability settings for a topic of that many replicas. */
  public static Map<String, String> durability(int replicationFactor) {
    return replicationFactor >= REPLICAS_FOR_TWO_IN_SYNC
        ? Map.of("min.insync.replicas", "2")
        : Map.of();
  }

  /** The configured replication factor, else the broker's {@code default.replication.factor}. */
  public static int replicas(Admin admin, Optional<Short> configured)
      throws InterruptedException, ExecutionException {
    if (configured.isPresent()) {
      return configured.get();
    }
    String broker = admin.describeCluster().nodes().get().iterator().next().idString();
    ConfigResource resource = new ConfigResource(ConfigResource.Type.BROKER, broker);
    ConfigEntry entry =
        admin
            .describeConfigs(List.of(resource))
            .all()
            .get()
            .get(resource)
            .get("default.replication.factor");
    return entry == null ? 1 : Integer.parseInt(entry.value());
  }

  /**
   * Creates the topic with the durability its replicas call for, plus {@code configs}.
   *
   * @param replicationFactor as configured; empty leaves it to the broker
   * @param replicas what the topic gets ({@link #replicas})
   * @return true if created now, false if it was already there (whatever its settings)
   */
  public static boolean createIfMissing(
      Admin admin,
      String topic,
      int partitions,
      Optional<Short> replicationFactor,
      int replicas,
      Map<String, String> configs)
      throws InterruptedException, ExecutionException {
    Map<String, String> all = new HashMap<>(durability(replicas));
    all.putAll(configs);
    NewTopic spec = new NewTopic(topic, Optional.of(partitions), replicationFactor).configs(all);
    try {
      admin.createTopics(List.of(spec)).all().get();
      return true;
    } catch (ExecutionException e) {
      if (e.getCause() instanceof TopicExistsException) {
        return false;
      }
      throw e;
    }
  }
}
