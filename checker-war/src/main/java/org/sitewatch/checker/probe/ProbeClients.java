package org.sitewatch.checker.probe;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.client.Client;
import jakarta.ws.rs.client.ClientBuilder;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Opens one JAX-RS client per probe. Closing a client is the only portable way to abort its
 * connection: closing a response instead makes the engine drain the rest of the body (endless, from
 * a hostile site), and a blocked read (a site trickling a byte a second) cannot be interrupted. So
 * each probe closes its own client when it ends or its deadline passes, and nothing it opened
 * outlives it. The TLS context, the expensive part, is shared.
 */
@ApplicationScoped
public class ProbeClients {

  private final CertificateExpiry certificates;

  @Inject
  public ProbeClients(CertificateExpiry certificates) {
    this.certificates = certificates;
  }

  /** For CDI's proxy. */
  protected ProbeClients() {
    this.certificates = null;
  }

  /** A client of its own for one probe; the caller closes it. */
  Client open(Duration timeout) {
    return ClientBuilder.newBuilder()
        // Trusts what the JVM trusts, recording each certificate's expiry and explaining a refusal.
        .sslContext(certificates.sslContext())
        .connectTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS)
        .readTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS)
        // Redirects are followed by Prober itself, so it can count hops and name a loop.
        .property("jersey.config.client.followRedirects", false)
        .property("dev.resteasy.client.follow.redirects", false)
        .build();
  }

  /** Makes the TLS engine ready, so that a site's first HTTPS probe does not pay for that. */
  void warmUp() {
    certificates.sslContext().createSSLEngine().getSupportedCipherSuites();
  }
}
