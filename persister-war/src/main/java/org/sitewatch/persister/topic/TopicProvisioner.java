package org.sitewatch.persister.topic;

import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.Startup;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.apache.kafka.clients.admin.Admin;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.sitewatch.support.kafka.ConnectorClientConfig;
import org.sitewatch.support.kafka.KafkaTls;
import org.sitewatch.support.kafka.KafkaTopics;
import org.sitewatch.support.retry.Backoff;
import org.sitewatch.support.tls.TlsFailures;

/**
 * Creates the results topic and its dead-letter topic at startup, so their partition count (how
 * many persisters can share the work) is Sitewatch's choice rather than a broker default; and the
 * site catalogue's topic, compacted (a site's latest record is what counts), one partition (a few
 * thousand small records, read whole). Topics that already exist are left as they are. Runs in the
 * background and retries with backoff while Kafka is unreachable: the server starts regardless, and
 * the consumer picks the topic up once it exists.
 */
@ApplicationScoped
public class TopicProvisioner {

  private static final Logger LOG = Logger.getLogger(TopicProvisioner.class.getName());

  private static final Duration FIRST_RETRY = Duration.ofSeconds(1);
  private static final Duration MAX_RETRY = Duration.ofSeconds(30);
  private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);

  @Inject Config config;

  @Inject
  @ConfigProperty(name = "mp.messaging.incoming.check-results.topic")
  String resultsTopic;

  @Inject
  @ConfigProperty(name = "mp.messaging.outgoing.check-results-dlq.topic")
  String deadLetterTopic;

  @Inject
  @ConfigProperty(name = "mp.messaging.incoming.site-catalog.topic")
  String catalogueTopic;

  @Inject
  @ConfigProperty(name = "sitewatch.kafka.topic.partitions", defaultValue = "6")
  int partitions;

  /** Absent: the broker's default.replication.factor, which suits one broker and a cluster. */
  @Inject
  @ConfigProperty(name = "sitewatch.kafka.topic.replication-factor")
  Optional<Short> replicationFactor;

  @Resource ManagedScheduledExecutorService scheduler;

  private volatile Future<?> next;

  void onStartup(@Observes Startup startup) {
    if (partitions < 1) {
      throw new IllegalArgumentException(
          "sitewatch.kafka.topic.partitions must be at least 1, got " + partitions);
    }
    Backoff backoff = new Backoff(FIRST_RETRY, MAX_RETRY);
    next = scheduler.submit(() -> provision(backoff));
  }

  @PreDestroy
  void stop() {
    Future<?> pending = next;
    if (pending != null) {
      pending.cancel(true);
    }
  }

  private void provision(Backoff backoff) {
    Map<String, Object> client =
        ConnectorClientConfig.of(config, "sitewatch-persister-topics", REQUEST_TIMEOUT);
    List<String> created = new ArrayList<>();
    try (Admin admin = Admin.create(client)) {
      int replicas = KafkaTopics.replicas(admin, replicationFactor);
      for (String topic : List.of(resultsTopic, deadLetterTopic)) {
        if (KafkaTopics.createIfMissing(
            admin, topic, partitions, replicationFactor, replicas, Map.of())) {
          created.add(topic);
        }
      }
      if (KafkaTopics.createIfMissing(
          admin,
          catalogueTopic,
          1,
          replicationFactor,
          replicas,
          Map.of("cleanup.policy", "compact"))) {
        created.add(catalogueTopic + " (compacted, 1 partition)");
      }
      if (created.isEmpty()) {
        LOG.log(
            Level.INFO,
            "Kafka topics {0}, {1} and {2} already exist",
            new Object[] {resultsTopic, deadLetterTopic, catalogueTopic});
      } else {
        LOG.log(
            Level.INFO,
            "Created Kafka topics {0} with {1,number,#} partitions, replication factor {2}, {3}",
            new Object[] {created, partitions, replicas, KafkaTopics.durability(replicas)});
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (ExecutionException | RuntimeException e) {
      Duration delay = backoff.next();
      Throwable cause = e instanceof ExecutionException && e.getCause() != null ? e.getCause() : e;
      LOG.log(
          Level.WARNING,
          "Creating the Kafka topics failed, retrying in {0,number,#} s: {1}",
          new Object[] {
            delay.toSeconds(),
            TlsFailures.explain(cause, KafkaTls.fromEnvironment().failureSettings())
                .orElse(cause.toString())
          });
      next = scheduler.schedule(() -> provision(backoff), delay.toMillis(), TimeUnit.MILLISECONDS);
    }
  }
}
