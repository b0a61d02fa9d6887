package org.sitewatch.persister.health;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.KafkaException;
import org.eclipse.microprofile.config.Config;
import org.sitewatch.common.kafka.KafkaReachability;

/**
 * Whether the Kafka cluster answers, asked with the same connection settings as the Reactive
 * Messaging connector (bootstrap servers, TLS, SASL).
 */
@ApplicationScoped
public class KafkaProbe {

  private static final String CONNECTOR_PREFIX = "mp.messaging.connector.liberty-kafka.";
  private static final Duration TIMEOUT = Duration.ofSeconds(2);
  private static final Duration CACHE_FOR = Duration.ofSeconds(5);

  @Inject Config config;

  private KafkaReachability reachability;

  public synchronized KafkaReachability.Status check() {
    if (reachability == null) {
      try {
        reachability = new KafkaReachability(clientConfig(), TIMEOUT, CACHE_FOR);
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

  /**
   * Looked up name by name rather than by listing the config's property names: settings given as
   * environment variables (MP_MESSAGING_CONNECTOR_LIBERTY_KAFKA_...) only resolve that way.
   */
  private Map<String, Object> clientConfig() {
    Map<String, Object> client = new HashMap<>();
    for (String name : AdminClientConfig.configNames()) {
      config
          .getOptionalValue(CONNECTOR_PREFIX + name, String.class)
          .ifPresent(value -> client.put(name, value));
    }
    client.put(AdminClientConfig.CLIENT_ID_CONFIG, "sitewatch-persister-health");
    return client;
  }
}
