package org.sitewatch.support.kafka;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.eclipse.microprofile.config.Config;

/**
 * The Kafka admin client settings of the Reactive Messaging connector (bootstrap servers, TLS,
 * SASL), so that a server's own admin clients (readiness checks, topic provisioning) reach the
 * cluster exactly as its channels do.
 *
 * <p>Which connector the channels use is configuration ({@value #CONNECTOR}): each WAR names
 * Liberty's, and the Payara flavour of each WAR names SmallRye's, which it carries. The connector's
 * shared settings live under its name ({@code mp.messaging.connector.<name>.*}), so they are read
 * from there.
 */
public final class ConnectorClientConfig {

  /** The property naming the connector of every channel (SITEWATCH_KAFKA_CONNECTOR). */
  public static final String CONNECTOR = "sitewatch.kafka.connector";

  /** The connectors the WARs are built for: Liberty's own, and SmallRye's in the Payara flavour. */
  static final List<String> KNOWN_CONNECTORS = List.of("liberty-kafka", "smallrye-kafka");

  private ConnectorClientConfig() {}

  /** Where MicroProfile Reactive Messaging looks for settings every channel of it shares. */
  public static String prefix(String connector) {
    return "mp.messaging.connector." + connector + ".";
  }

  /**
   * Looked up name by name rather than by listing the config's property names: settings given as
   * environment variables (MP_MESSAGING_CONNECTOR_LIBERTY_KAFKA_...) only resolve that way.
   */
  public static Map<String, Object> of(Config config, String clientId) {
    String prefix = prefix(config.getValue(CONNECTOR, String.class));
    Map<String, Object> client = new HashMap<>();
    for (String name : AdminClientConfig.configNames()) {
      config
          .getOptionalValue(prefix + name, String.class)
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
