package org.sitewatch.checker.probe;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.client.Client;
import jakarta.ws.rs.client.ClientBuilder;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * JAX-RS clients, one per distinct site timeout: connect and read timeouts are client settings in
 * Jakarta REST, and a site list has only a handful of distinct timeouts.
 */
@ApplicationScoped
public class ProbeClients {

  private final Map<Duration, Client> clients = new ConcurrentHashMap<>();
  private final CertificateExpiry certificates;

  @Inject
  public ProbeClients(CertificateExpiry certificates) {
    this.certificates = certificates;
  }

  /** For CDI's proxy. */
  protected ProbeClients() {
    this.certificates = null;
  }

  Client forTimeout(Duration timeout) {
    return clients.computeIfAbsent(timeout, this::build);
  }

  private Client build(Duration timeout) {
    return ClientBuilder.newBuilder()
        // Trusts what the JVM trusts, recording each certificate's expiry on the way.
        .sslContext(certificates.sslContext())
        .connectTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS)
        .readTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS)
        // Redirects are followed by Prober itself, so it can count hops and name a loop.
        .property("jersey.config.client.followRedirects", false)
        .property("dev.resteasy.client.follow.redirects", false)
        .build();
  }

  @PreDestroy
  void close() {
    clients.values().forEach(Client::close);
    clients.clear();
  }
}
