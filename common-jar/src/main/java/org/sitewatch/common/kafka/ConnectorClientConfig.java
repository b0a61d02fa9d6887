package org.sitewatch.common.kafka;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.eclipse.microprofile.config.Config;

/**
 * The Kafka admin client settings of the Reactive Messaging connector (bootstrap servers, TLS,
 * SASL), so that a server's own admin clients (readiness checks, topic provisioning) reach the
 * cluster exactly as its channels do.
 */
public final class ConnectorClientConfig {

  /**
   * Where MicroProfile Reactive Messaging looks for settings every liberty-kafka channel shares.
   */
  public static final String CONNECTOR_PREFIX = "mp.messaging.connector.liberty-kafka.";

  private ConnectorClientConfig() {}

  /**
   * Looked up name by name rather than by listing the config's property names: settings given as
   * environment variables (MP_MESSAGING_CONNECTOR_LIBERTY_KAFKA_...) only resolve that way.
   */
  public static Map<String, Object> of(Config config, String clientId) {
    Map<String, Object> client = new HashMap<>();
    for (String name : AdminClientConfig.configNames()) {
      config
          .getOptionalValue(CONNECTOR_PREFIX + name, String.class)
          .ifPresent(value -> client.put(name, value));
    }
    client.put(AdminClientConfig.CLIENT_ID_CONFIG, clientId);
    return client;
  }

  /** As {@link #of(Config, String)}, with every request and API call bounded by {@code timeout}. */
  public static Map<String, Object> of(Config config, String clientId, Duration timeout) {
    Map<String, Object> client = of(config, clientId);
    client.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) timeout.toMillis());
    client.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) timeout.toMillis());
    return client;
  }
}
