package org.sitewatch.persister.health;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import org.eclipse.microprofile.config.Config;
import org.sitewatch.support.kafka.KafkaReachability;

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

  @PostConstruct
  void init() {
    reachability =
        KafkaReachability.forConnector(config, "sitewatch-persister-health", TIMEOUT, CACHE_FOR);
  }

  public KafkaReachability.Status check() {
    return reachability.check();
  }

  @PreDestroy
  void close() {
    reachability.close();
  }
}
