package org.sitewatch.checker.probe;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.Proxy;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.security.KeyStore;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Optional;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class TlsConnectionsTest {

  private static final X509Certificate UNTIL_2026_01_11 =
      certificate("site-test-until-2026-01-11.pem");
  private static final X509Certificate UNTIL_2027_02_05 =
      certificate("site-test-until-2027-02-05.pem");

  private final TlsConnections tls = new TlsConnections();

  private static X509Certificate certificate(String resource) {
    try (InputStream in = TlsConnectionsTest.class.getResourceAsStream(resource)) {
      return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (CertificateException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A connection's session as the JDK hands it out, resumed or not: it holds the peer's chain. */
  private static SSLSession session(String host, int port, X509Certificate leaf) {
    return (SSLSession)
        Proxy.newProxyInstance(
            SSLSession.class.getClassLoader(),
            new Class<?>[] {SSLSession.class},
            (proxy, method, args) ->
                switch (method.getName()) {
                  case "getPeerHost" -> host;
                  case "getPeerPort" -> port;
                  case "getPeerCertificates" -> {
                    if (leaf == null) {
                      throw new SSLPeerUnverifiedException("peer not authenticated");
                    }
                    yield new X509Certificate[] {leaf};
                  }
                  default -> throw new UnsupportedOperationException(method.getName());
                });
  }

  private static Optional<Instant> expiry(X509Certificate certificate) {
    return Optional.of(certificate.getNotAfter().toInstant());
  }

  @Test
  void theNewestConnectionToTheSiteHasTheSay() {
    tls.opened(() -> session("site.test", 443, UNTIL_2026_01_11));
    tls.opened(() -> session("site.test", 443, UNTIL_2027_02_05));
    assertEquals(expiry(UNTIL_2027_02_05), tls.notAfter("site.test", 443));
  }

  @Test
  void connectionsToOtherHostsOrPortsDoNotCount() {
    tls.opened(() -> session("site.test", 443, UNTIL_2027_02_05));
    tls.opened(() -> session("cdn.test", 443, UNTIL_2026_01_11));
    tls.opened(() -> session("site.test", 8443, UNTIL_2026_01_11));
    assertEquals(expiry(UNTIL_2027_02_05), tls.notAfter("SITE.test", 443));
  }

  @Test
  void aClientsNextProbeDoesNotSeeTheLastOnesConnections() {
    tls.opened(() -> session("site.test", 443, UNTIL_2026_01_11));
    tls.clear();
    assertEquals(Optional.empty(), tls.notAfter("site.test", 443));
  }

  @Test
  void anUnverifiedPeerHasNoExpiry() {
    tls.opened(() -> session("site.test", 443, null));
    assertEquals(Optional.empty(), tls.notAfter("site.test", 443));
  }

  @Test
  @Timeout(10)
  void aConnectionThroughTheRecordingContextIsReadFromItsOwnSession() throws Exception {
    KeyStore keys = KeyStore.getInstance("PKCS12");
    char[] password = "sitewatch-test".toCharArray();
    try (InputStream in = getClass().getResourceAsStream("localhost-until-2027-02-05.p12")) {
      keys.load(in, password);
    }
    KeyManagerFactory keyManagers =
        KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    keyManagers.init(keys, password);
    SSLContext server = SSLContext.getInstance("TLS");
    server.init(keyManagers.getKeyManagers(), null, null);
    TrustManagerFactory trust =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    trust.init(keys);
    SSLContext client = SSLContext.getInstance("TLS");
    client.init(null, trust.getTrustManagers(), null);
    InetAddress loopback = InetAddress.getLoopbackAddress();
    try (ServerSocket listening =
        server.getServerSocketFactory().createServerSocket(0, 1, loopback)) {
      int port = listening.getLocalPort();
      Thread answering =
          new Thread(
              () -> {
                try (SSLSocket accepted = (SSLSocket) listening.accept()) {
                  accepted.startHandshake();
                  accepted.getInputStream().read();
                } catch (IOException e) {
                  // The client closing first is fine.
                }
              });
      answering.start();
      // As Apache HttpClient makes its TLS sockets: layered over a connected plain one.
      try (Socket plain = new Socket(loopback, port);
          SSLSocket socket =
              (SSLSocket)
                  tls.recording(client)
                      .getSocketFactory()
                      .createSocket(plain, "localhost", port, true)) {
        socket.startHandshake();
      }
      answering.join();
      assertEquals(
          expiry((X509Certificate) keys.getCertificate("server")), tls.notAfter("localhost", port));
    }
  }
}
