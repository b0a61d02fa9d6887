package org.sitewatch.checker.probe;

import jakarta.enterprise.context.ApplicationScoped;
import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509ExtendedTrustManager;
import javax.net.ssl.X509TrustManager;

/**
 * Records the expiry of every server certificate the probes' full TLS handshakes see, by host and
 * port, for a probe whose handshake failed: it has no connection to ask. The Jakarta REST client
 * hides the connection, so the probes' SSLContext trusts through a wrapper of the JVM's default
 * trust manager that notes the leaf certificate before the default one judges the chain: an invalid
 * chain still fails the handshake (DOWN, TLS), and its expiry is known too. A probe that got an
 * answer reads its connection's own session instead (see TlsConnections).
 */
@ApplicationScoped
public class CertificateExpiry {

  private static final long SECONDS_PER_DAY = Duration.ofDays(1).toSeconds();

  /** The leaf certificate's expiry as a handshake saw it, and when. */
  record Seen(Instant notAfter, Instant at) {}

  private final Map<String, Seen> byEndpoint = new ConcurrentHashMap<>();
  private final Clock clock;
  private volatile SSLContext sslContext;

  public CertificateExpiry() {
    this(Clock.systemUTC());
  }

  CertificateExpiry(Clock clock) {
    this.clock = clock;
  }

  /** An SSLContext that trusts what the JVM trusts and records what it sees. */
  SSLContext sslContext() {
    SSLContext context = sslContext;
    if (context == null) {
      synchronized (this) {
        context = sslContext;
        if (context == null) {
          context = newContext();
          sslContext = context;
        }
      }
    }
    return context;
  }

  /** The certificate of {@code host:port} as a handshake saw it since {@code since}. */
  Optional<Seen> seenSince(String host, int port, Instant since) {
    Seen seen = byEndpoint.get(endpoint(host, port));
    if (seen == null || seen.at().isBefore(since)) {
      return Optional.empty();
    }
    return Optional.of(seen);
  }

  /** Whole days from now until {@code notAfter}, rounded down: negative once expired. */
  int daysLeft(Instant notAfter) {
    return (int)
        Math.max(
            Integer.MIN_VALUE,
            Math.min(
                Integer.MAX_VALUE,
                Math.floorDiv(
                    Duration.between(clock.instant(), notAfter).toSeconds(), SECONDS_PER_DAY)));
  }

  void record(String host, int port, X509Certificate[] chain) {
    if (host != null && chain != null && chain.length > 0) {
      byEndpoint.put(
          endpoint(host, port), new Seen(chain[0].getNotAfter().toInstant(), clock.instant()));
    }
  }

  private static String endpoint(String host, int port) {
    return host + ":" + port;
  }

  private SSLContext newContext() {
    try {
      SSLContext context = SSLContext.getInstance("TLS");
      // Records first, so that a chain the JVM refuses still has its expiry known.
      context.init(
          null,
          new TrustManager[] {new Recording(ExplainingTrustManager.ofDefaultTrustStore())},
          null);
      return context;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot set up TLS for probes", e);
    }
  }

  /** The JVM's trust, noting each server's leaf certificate first. */
  private final class Recording extends X509ExtendedTrustManager implements X509TrustManager {

    private final X509ExtendedTrustManager delegate;

    Recording(X509ExtendedTrustManager delegate) {
      this.delegate = delegate;
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
        throws CertificateException {
      if (socket != null && socket.getInetAddress() != null) {
        record(hostOf(socket), socket.getPort(), chain);
      }
      delegate.checkServerTrusted(chain, authType, socket);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
        throws CertificateException {
      if (engine != null) {
        record(engine.getPeerHost(), engine.getPeerPort(), chain);
      }
      delegate.checkServerTrusted(chain, authType, engine);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType)
        throws CertificateException {
      delegate.checkServerTrusted(chain, authType);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket)
        throws CertificateException {
      delegate.checkClientTrusted(chain, authType, socket);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
        throws CertificateException {
      delegate.checkClientTrusted(chain, authType, engine);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType)
        throws CertificateException {
      delegate.checkClientTrusted(chain, authType);
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
      return delegate.getAcceptedIssuers();
    }

    /** The host name the client connected to, not a reverse lookup of the address. */
    private String hostOf(Socket socket) {
      if (socket instanceof javax.net.ssl.SSLSocket ssl
          && ssl.getHandshakeSession() != null
          && ssl.getHandshakeSession().getPeerHost() != null) {
        return ssl.getHandshakeSession().getPeerHost();
      }
      return socket.getInetAddress().getHostAddress();
    }
  }
}
