package org.sitewatch.persister.health;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import org.apache.kafka.common.KafkaException;
import org.eclipse.microprofile.config.Config;
import org.sitewatch.common.kafka.KafkaReachability;
import org.sitewatch.persister.topic.ConnectorClientConfig;

/**
 * Whether the Kafka cluster answers, asked with the same connection settings as the Reactive
 * Messaging connector (bootstrap servers, TLS, SASL).
 */
@ApplicationScoped
public class KafkaProbe {

  private static final Duration TIMEOUT = Duration.ofSeconds(2);
  private static final Duration CACHE_FOR = Duration.ofSeconds(5);

  @Inject Config config;

  private KafkaReachability reachability;

  public synchronized KafkaReachability.Status check() {
    if (reachability == null) {
      try {
        reachability =
            new KafkaReachability(
                ConnectorClientConfig.of(config, "sitewatch-persister-health"), TIMEOUT, CACHE_FOR);
      } catch (KafkaException e) {
        // Such as bootstrap servers that do not resolve (yet); the next check tries again.
        return new KafkaReachability.Status(false, 0, e.getMessage(), Instant.now());
      }
    }
    return reachability.check();
  }

  @PreDestroy
  synchronized void close() {
    if (reachability != null) {
      reachability.close();
    }
  }
}
