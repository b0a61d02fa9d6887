package org.sitewatch.persister.ingest;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.eclipse.microprofile.config.spi.ConfigSource;

/**
 * Gives this server's results consumer a Kafka client.id of its own, so that {@link
 * IncomingStreamWatch} can tell it apart from the other persisters in the group (the client's
 * default id is the same on every server). Registered through {@code META-INF/services}.
 *
 * <p>Ordinal 50, below microprofile-config.properties: a client.id the operator sets wins, and then
 * has to be unique per server.
 */
public final class ConsumerClientIdConfigSource implements ConfigSource {

  static final String PROPERTY = "mp.messaging.incoming.check-results.client.id";

  private static final int ORDINAL = 50;

  /** Static: every Config the application builds must name the same consumer. */
  private static final Map<String, String> PROPERTIES =
      Map.of(
          PROPERTY,
          "sitewatch-persister-" + host() + "-" + UUID.randomUUID().toString().substring(0, 8));

  private static String host() {
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (UnknownHostException e) {
      return "unknown-host";
    }
  }

  @Override
  public Map<String, String> getProperties() {
    return PROPERTIES;
  }

  @Override
  public Set<String> getPropertyNames() {
    return PROPERTIES.keySet();
  }

  @Override
  public String getValue(String propertyName) {
    return PROPERTIES.get(propertyName);
  }

  @Override
  public String getName() {
    return "Sitewatch persister consumer client.id";
  }

  @Override
  public int getOrdinal() {
    return ORDINAL;
  }
}
