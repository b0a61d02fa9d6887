package org.sitewatch.checker.group;

import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.CooperativeStickyAssignor;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.sitewatch.support.kafka.ConnectorClientConfig;
import org.sitewatch.support.kafka.KafkaTopics;
import org.sitewatch.support.retry.Backoff;

/**
 * Site ownership through Kafka's consumer-group membership: the checkers of one location form the
 * group {@code <sitewatch.checkers.group>.<location>} on the topic {@code
 * sitewatch.checkers.topic}, whose partitions the group hands out with the cooperative sticky
 * assignor, so a change of members moves only the partitions it must.
 *
 * <p>A revoked partition is released only once the scheduler has stopped its sites (or a few
 * seconds passed), so its next owner never starts a site this checker still probes. Then the
 * checker writes the instant it stopped into the partition (the only records the topic gets): the
 * next owner reads it when the partition is assigned to it and makes the probes due since, so a
 * clean hand-over (a checker stopped, or one joining) leaves no probe out and makes none twice. A
 * checker that dies writes nothing, and the next owner starts at the sites' next probes. Partitions
 * lost while the broker could not be reached stay probed here until the group assigns again: a
 * checker cut off from Kafka keeps probing the sites it last owned.
 *
 * <p>Over 300 lines: the membership, its rebalance callbacks and the wait for the scheduler share
 * the member's thread and state; the hand-over records are {@link KafkaHandOvers}.
 */
@ApplicationScoped
public class KafkaGroupOwnership implements SiteOwnership {

  private static final Logger LOG = Logger.getLogger(KafkaGroupOwnership.class.getName());
  private static final Duration POLL = Duration.ofMillis(500);
  private static final Duration ADMIN_TIMEOUT = Duration.ofSeconds(15);

  /**
   * How long a revoked partition waits for the scheduler to stop its sites (thousands of timers on
   * a busy server take seconds). Meanwhile this checker still probes them, so waiting leaves no
   * gap; releasing them sooner lets the next owner probe them too.
   */
  private static final Duration HANDOVER_WAIT = Duration.ofSeconds(30);

  private static final Duration LEAVE_WAIT = Duration.ofSeconds(15);

  @Inject Config config;
  @Inject CheckerIdentity identity;

  @Inject
  @ConfigProperty(name = "sitewatch.checkers.group")
  String groupPrefix;

  @Inject
  @ConfigProperty(name = "sitewatch.checkers.topic")
  String topic;

  @Inject
  @ConfigProperty(name = "sitewatch.checkers.partitions")
  int partitions;

  @Inject
  @ConfigProperty(name = "sitewatch.checkers.session-timeout")
  Duration sessionTimeout;

  /** Absent: the broker's default.replication.factor, as for the other topics. */
  @Inject
  @ConfigProperty(name = "sitewatch.kafka.topic.replication-factor")
  Optional<Short> replicationFactor;

  @Resource ManagedThreadFactory threads;

  private Thread worker;
  private volatile KafkaConsumer<byte[], byte[]> consumer;
  private volatile boolean leaving;
  private volatile Ownership current = Ownership.NONE;
  private volatile boolean lost;
  private volatile String memberId;
  private volatile Metric heartbeatAge;
  private long appliedVersion;

  /** Before this, the scheduler started every probe due of the sites it has stopped. */
  private volatile Instant probedUntil;

  @Override
  public void start() {
    worker = threads.newThread(this::run);
    worker.start();
  }

  @Override
  public Ownership current() {
    return current;
  }

  @Override
  public synchronized void applied(long version, Instant probedUntil) {
    this.probedUntil = probedUntil;
    appliedVersion = Math.max(appliedVersion, version);
    notifyAll();
  }

  @Override
  public void leave(Instant probedUntil) {
    this.probedUntil = probedUntil;
    leaving = true;
    KafkaConsumer<byte[], byte[]> member = consumer;
    if (member != null) {
      // Not an interrupt: a consumer interrupted while closing may skip leaving the group.
      member.wakeup();
    } else if (worker != null) {
      worker.interrupt();
    }
    if (worker != null) {
      try {
        worker.join(LEAVE_WAIT.toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  @Override
  public boolean membershipCurrent() {
    Metric age = heartbeatAge;
    if (!current.joined() || lost || age == null) {
      return false;
    }
    double seconds = ((Number) age.metricValue()).doubleValue();
    return seconds >= 0 && seconds * 1000 < sessionTimeout.toMillis();
  }

  @Override
  public String group() {
    return groupPrefix + "." + identity.location();
  }

  @Override
  public Optional<String> memberId() {
    return Optional.ofNullable(memberId);
  }

  private void run() {
    Map<String, Object> client =
        ConnectorClientConfig.of(config, "sitewatch-checker-group", ADMIN_TIMEOUT);
    Backoff backoff = new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(30));
    while (!leaving) {
      try {
        createTopicIfMissing(client);
        member(client);
        return;
      } catch (ExecutionException | RuntimeException e) {
        if (leaving) {
          return;
        }
        Duration delay = backoff.next();
        LOG.log(
            Level.WARNING,
            "Cannot join the checker group {0} on {1}, retrying in {2,number,#} s: {3}",
            new Object[] {group(), topic, delay.toSeconds(), e.toString()});
        try {
          Thread.sleep(delay.toMillis());
        } catch (InterruptedException interrupted) {
          return;
        }
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  private void createTopicIfMissing(Map<String, Object> client)
      throws InterruptedException, ExecutionException {
    try (Admin admin = Admin.create(client)) {
      int replicas = KafkaTopics.replicas(admin, replicationFactor);
      if (KafkaTopics.createIfMissing(
          admin, topic, partitions, replicationFactor, replicas, Map.of())) {
        LOG.log(
            Level.INFO,
            "Created the checker group topic {0}: {1} partitions, replication factor {2}",
            new Object[] {topic, partitions, replicas});
      }
    }
  }

  /** Polls, which keeps the membership alive and runs the rebalance callbacks, until leaving. */
  private void member(Map<String, Object> client) {
    Map<String, Object> settings = new HashMap<>(client);
    long session = sessionTimeout.toMillis();
    settings.put(ConsumerConfig.GROUP_ID_CONFIG, group());
    settings.put(ConsumerConfig.CLIENT_ID_CONFIG, "sitewatch-checker-" + identity.id());
    settings.put(
        ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG,
        CooperativeStickyAssignor.class.getName());
    settings.put(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, (int) session);
    // Frequent heartbeats: a member learns of a rebalance at its next one, and a rebalance waits
    // for the last member to learn of it, while the sites handed over go unprobed.
    settings.put(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, (int) Math.max(100, session / 40));
    settings.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    settings.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest");
    // Closed in reverse: the member first, whose leaving hands over through the records.
    try (KafkaHandOvers handOvers = new KafkaHandOvers(client, topic, identity.id());
        KafkaConsumer<byte[], byte[]> member =
            new KafkaConsumer<>(
                settings, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      consumer = member;
      int found = member.partitionsFor(topic, ADMIN_TIMEOUT).size();
      // Zero when created a moment ago: the broker's metadata does not show it yet.
      int count = found > 0 ? found : partitions;
      heartbeatAge = heartbeatAgeOf(member);
      member.subscribe(List.of(topic), new Rebalance(member, count, handOvers));
      while (!leaving) {
        try {
          member.poll(POLL);
        } catch (WakeupException e) {
          // leave(): the loop ends, and closing the consumer leaves the group
        }
      }
    } finally {
      consumer = null;
    }
  }

  private static Metric heartbeatAgeOf(KafkaConsumer<?, ?> member) {
    return member.metrics().entrySet().stream()
        .filter(e -> e.getKey().name().equals("last-heartbeat-seconds-ago"))
        .map(Map.Entry::getValue)
        .findFirst()
        .orElse(null);
  }

  /** Waits until the scheduler has followed {@code version}, or the hand-over wait is over. */
  private synchronized void awaitApplied(long version) {
    long deadline = System.nanoTime() + HANDOVER_WAIT.toNanos();
    try {
      while (appliedVersion < version && !leaving) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          LOG.log(
              Level.WARNING,
              "The scheduler did not stop the revoked sites within {0} s; releasing them anyway",
              HANDOVER_WAIT.toSeconds());
          return;
        }
        wait(Math.max(1, left / 1_000_000));
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private final class Rebalance implements ConsumerRebalanceListener {

    private final KafkaConsumer<byte[], byte[]> member;
    private final int count;
    private final KafkaHandOvers handOvers;

    Rebalance(KafkaConsumer<byte[], byte[]> member, int count, KafkaHandOvers handOvers) {
      this.member = member;
      this.count = count;
      this.handOvers = handOvers;
    }

    @Override
    public void onPartitionsRevoked(Collection<TopicPartition> revoked) {
      if (revoked.isEmpty()) {
        return;
      }
      Set<Integer> kept = new HashSet<>(current.partitions());
      revoked.forEach(partition -> kept.remove(partition.partition()));
      Ownership next = current.next(kept, count, current.generation());
      current = next;
      log("revoked", revoked);
      if (!leaving) {
        awaitApplied(next.version());
      }
      Instant until = probedUntil == null ? Instant.now() : probedUntil;
      handOvers.write(revoked, until, member.groupMetadata().generationId());
    }

    @Override
    public void onPartitionsAssigned(Collection<TopicPartition> assigned) {
      Set<Integer> owned = new HashSet<>();
      member.assignment().forEach(partition -> owned.add(partition.partition()));
      lost = false;
      memberId = member.groupMetadata().memberId();
      int generation = member.groupMetadata().generationId();
      current = current.next(owned, count, generation, handOvers.read(assigned, generation));
      log("assigned", assigned);
    }

    /** Kept until the group assigns again: see the class comment. */
    @Override
    public void onPartitionsLost(Collection<TopicPartition> partitions) {
      lost = true;
      LOG.log(
          Level.WARNING,
          "Checker group {0}: this checker's membership expired; it keeps probing its {1}"
              + " partitions until the group assigns again",
          new Object[] {group(), partitions.size()});
    }

    private void log(String change, Collection<TopicPartition> partitions) {
      LOG.log(
          Level.INFO,
          "Checker group {0}, generation {1}: {2} {3} partitions; this checker ({4}) now owns {5}"
              + " of {6}",
          new Object[] {
            group(),
            current.generation(),
            change,
            partitions.size(),
            identity.id(),
            current.partitions().size(),
            count
          });
    }
  }
}
