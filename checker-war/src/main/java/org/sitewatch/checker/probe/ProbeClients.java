package org.sitewatch.checker.probe;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.client.Client;
import jakarta.ws.rs.client.ClientBuilder;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;

/**
 * Opens one JAX-RS client per probe. Closing a client is the only portable way to abort its
 * connection: closing a response instead makes the engine drain the rest of the body (endless, from
 * a hostile site), and a blocked read (a site trickling a byte a second) cannot be interrupted. So
 * each probe closes its own client when it ends or its deadline passes, and nothing it opened
 * outlives it. The TLS context, the expensive part, is shared.
 */
@ApplicationScoped
public class ProbeClients {

  private SSLContext tls;

  @PostConstruct
  void start() {
    try {
      tls = SSLContext.getInstance("TLS");
      tls.init(null, new TrustManager[] {ExplainingTrustManager.ofDefaultTrustStore()}, null);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot set up TLS for probes: " + e.getMessage(), e);
    }
  }

  /** A client of its own for one probe; the caller closes it. */
  Client open(Duration timeout) {
    return ClientBuilder.newBuilder()
        .sslContext(tls)
        .connectTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS)
        .readTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS)
        // Redirects are followed by Prober itself, so it can count hops and name a loop.
        .property("jersey.config.client.followRedirects", false)
        .property("dev.resteasy.client.follow.redirects", false)
        .build();
  }

  /** Makes the TLS engine ready, so that a site's first HTTPS probe does not pay for that. */
  void warmUp() {
    tls.createSSLEngine().getSupportedCipherSuites();
  }
}
