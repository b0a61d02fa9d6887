package org.sitewatch.payara;

import jakarta.ws.rs.client.Client;
import jakarta.ws.rs.core.Configuration;
import org.glassfish.jersey.apache.connector.ApacheConnectorProvider;
import org.glassfish.jersey.apache.connector.ApacheHttpClientBuilderConfigurator;
import org.glassfish.jersey.client.ClientConfig;
import org.glassfish.jersey.client.spi.Connector;
import org.glassfish.jersey.client.spi.ConnectorProvider;

/**
 * The connector of the checker's probe clients on Payara, named by the checker's configuration
 * (sitewatch.probe.connector, which it hands to Jersey as jersey.config.client.connector.provider):
 * Jersey's Apache HttpClient connector, set up as RESTEasy sets up the same engine on Liberty.
 *
 * <ul>
 *   <li>No retries of its own: HttpClient would send a GET again, unseen, when a site closes the
 *       connection without answering, and a site that drops every request would look UP.
 *   <li>No content compression: a body is read as the site sends it, so the body cap counts the
 *       site's bytes.
 *   <li>No cookies: the clients are pooled, and a site's cookie must not reach the next probe.
 * </ul>
 *
 * Closing the client closes its connections, a read blocked on a trickling site included, which is
 * how a probe at its deadline lets go of the site.
 */
public class NoRetryApacheConnectorProvider implements ConnectorProvider {

  private static final ApacheHttpClientBuilderConfigurator PLAIN =
      builder ->
          builder.disableAutomaticRetries().disableContentCompression().disableCookieManagement();

  @Override
  public Connector getConnector(Client client, Configuration runtimeConfig) {
    // The connector reads its configurators from the configuration it is built with.
    return new ApacheConnectorProvider()
        .getConnector(client, new ClientConfig().loadFrom(runtimeConfig).register(PLAIN));
  }
}
