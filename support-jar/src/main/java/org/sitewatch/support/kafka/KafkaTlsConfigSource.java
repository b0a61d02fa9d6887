package org.sitewatch.support.kafka;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.spi.ConfigSource;

/**
 * Puts the {@link KafkaTls} settings where the Kafka connector looks for settings that every
 * channel shares ({@code mp.messaging.connector.<name>.*}), so that the producers, consumers and
 * admin clients of both servers all connect the same way. Registered through {@code
 * META-INF/services}.
 *
 * <p>A config source cannot read the config that names the connector, so the settings are given
 * under the name of each connector the WARs are built for; a connector that is not in use never
 * reads its block.
 *
 * <p>Ordinal 250: above microprofile-config.properties (100), below environment variables (300), so
 * an operator can still set any Kafka client property directly, e.g. {@code
 * MP_MESSAGING_CONNECTOR_LIBERTY_KAFKA_SECURITY_PROTOCOL=SASL_SSL}.
 */
public final class KafkaTlsConfigSource implements ConfigSource {

  private static final Logger LOG = Logger.getLogger(KafkaTlsConfigSource.class.getName());
  private static final int ORDINAL = 250;

  private final Map<String, String> properties;

  public KafkaTlsConfigSource() {
    this(KafkaTls.fromEnvironment());
  }

  KafkaTlsConfigSource(KafkaTls tls) {
    Map<String, String> prefixed = new LinkedHashMap<>();
    for (String connector : ConnectorClientConfig.KNOWN_CONNECTORS) {
      String prefix = ConnectorClientConfig.prefix(connector);
      tls.clientProperties().forEach((name, value) -> prefixed.put(prefix + name, value));
    }
    this.properties = Collections.unmodifiableMap(prefixed);
    tls.problem().ifPresent(problem -> LOG.log(Level.SEVERE, "{0}", problem));
  }

  @Override
  public Map<String, String> getProperties() {
    return properties;
  }

  @Override
  public Set<String> getPropertyNames() {
    return properties.keySet();
  }

  @Override
  public String getValue(String propertyName) {
    return properties.get(propertyName);
  }

  @Override
  public String getName() {
    return "Sitewatch Kafka TLS (SITEWATCH_KAFKA_SSL_*)";
  }

  @Override
  public int getOrdinal() {
    return ORDINAL;
  }
}
