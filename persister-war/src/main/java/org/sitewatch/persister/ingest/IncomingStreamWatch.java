package org.sitewatch.persister.ingest;

import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.Startup;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.sitewatch.persister.deadletter.DeadLetterPublisher;
import org.sitewatch.persister.metrics.ConsumerLagGauges;
import org.sitewatch.persister.store.BatchWriter;
import org.sitewatch.support.kafka.ConnectorClientConfig;

/**
 * Notices when the connector has ended the results stream (after a poll exception or a nack it
 * delivers nothing more, and only a restart brings it back): every few seconds it measures what
 * waits for this server's consumer, shows it per partition on /metrics, and lets a {@link
 * StallDetector} judge.
 */
@ApplicationScoped
public class IncomingStreamWatch {

  private static final Logger LOG = Logger.getLogger(IncomingStreamWatch.class.getName());

  private static final Duration EVERY = Duration.ofSeconds(5);

  /**
   * Plus up to one interval and a look's own time before the first look that sees it: a dead stream
   * is reported within 30 s.
   */
  private static final Duration GRACE = Duration.ofSeconds(20);

  private static final Duration TIMEOUT = Duration.ofSeconds(4);

  @Inject Config config;

  @Inject CheckResultConsumer consumer;

  @Inject BatchWriter writer;

  @Inject DeadLetterPublisher deadLetters;

  @Inject ConsumerLagGauges lagGauges;

  @Inject
  @ConfigProperty(name = "mp.messaging.incoming.check-results.topic")
  String topic;

  @Inject
  @ConfigProperty(name = "mp.messaging.incoming.check-results.group.id")
  String group;

  @Inject
  @ConfigProperty(name = ConsumerClientIdConfigSource.PROPERTY)
  String clientId;

  @Resource ManagedScheduledExecutorService scheduler;

  private final StallDetector detector = new StallDetector(GRACE);
  private KafkaMemberLag lag;
  private ScheduledFuture<?> task;
  private volatile StreamVerdict verdict = StreamVerdict.ALIVE;
  private String lastUnmeasured;

  void onStartup(@Observes Startup startup) {
    Map<String, Object> client =
        ConnectorClientConfig.of(config, "sitewatch-persister-stream-watch", TIMEOUT);
    lag = new KafkaMemberLag(client, group, clientId, topic, TIMEOUT);
    task =
        scheduler.scheduleWithFixedDelay(
            this::look, EVERY.toMillis(), EVERY.toMillis(), TimeUnit.MILLISECONDS);
  }

  @PreDestroy
  void stop() {
    if (task != null) {
      task.cancel(false);
      lag.close();
    }
  }

  public StreamVerdict verdict() {
    return verdict;
  }

  /** Once per new reason: a missing ACL on the group, say, would otherwise hide a dead stream. */
  private void reportUnmeasured(MemberLag measured) {
    if (measured.error() != null && !measured.error().equals(lastUnmeasured)) {
      LOG.log(
          Level.WARNING,
          "Cannot tell whether the incoming stream of {0} delivers: {1}",
          new Object[] {topic, measured.error()});
    }
    lastUnmeasured = measured.error();
  }

  /** Nothing escapes: an exception would end the schedule. */
  private void look() {
    try {
      MemberLag measured = lag.measure();
      reportUnmeasured(measured);
      if (measured.measured()) {
        lagGauges.measured(measured.behind());
      }
      StreamVerdict next =
          detector.observe(
              System.nanoTime(),
              measured,
              writer.status().pending() + deadLetters.pending(),
              consumer.delivered());
      if (next.dead() && !verdict.dead()) {
        LOG.log(
            Level.SEVERE,
            "The incoming stream of {0} (consumer {1}, group {2}) has ended: {3}."
                + " Only a restart brings it back; liveness is DOWN.",
            new Object[] {topic, clientId, group, next.reason()});
      } else if (!next.dead() && verdict.dead()) {
        LOG.log(Level.INFO, "The incoming stream of {0} delivers again", topic);
      }
      verdict = next;
    } catch (RuntimeException e) {
      LOG.log(
          Level.WARNING,
          "Watching the incoming stream of {0} failed: {1}",
          new Object[] {topic, e});
    }
  }
}
