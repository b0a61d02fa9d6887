package org.sitewatch.checker.probe;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.security.KeyManagementException;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Deque;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.function.Supplier;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLContextSpi;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLServerSocketFactory;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSessionContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManager;

/**
 * The TLS connections one client opened, so that a probe reads the certificate of the connection
 * that answered it from that connection's own session. The trust manager sees a certificate only in
 * a full handshake: a resumed session skips it, and what it last saw of a host may belong to
 * another connection, another probe or another server behind the same name.
 */
final class TlsConnections {

  /** Newest first; a probe opens one per hop, as it asks for {@code Connection: close}. */
  private final Deque<Supplier<SSLSession>> sessions = new ConcurrentLinkedDeque<>();

  private final Deque<Socket> sockets = new ConcurrentLinkedDeque<>();

  /** Forgets the connections of the client's previous probe. */
  void clear() {
    sessions.clear();
    sockets.clear();
  }

  /** Closes every socket opened since {@link #clear()}, a handshake under way included. */
  void close() {
    for (Socket socket = sockets.poll(); socket != null; socket = sockets.poll()) {
      try {
        socket.close();
      } catch (IOException e) {
        // closing is all that was asked; a socket that cannot close is closed enough
      }
    }
  }

  /** Notes a connection opened; its session is read only once it has answered. */
  void opened(Supplier<SSLSession> session) {
    sessions.addFirst(session);
  }

  /**
   * The expiry of the leaf certificate of the newest connection to {@code host:port}, as that
   * connection's session holds it. Only for connections that answered: reading the session of one
   * that has not shaken hands yet would start its handshake.
   */
  Optional<Instant> notAfter(String host, int port) {
    for (Supplier<SSLSession> opened : sessions) {
      SSLSession session = opened.get();
      if (host.equalsIgnoreCase(session.getPeerHost()) && session.getPeerPort() == port) {
        return leafExpiry(session);
      }
    }
    return Optional.empty();
  }

  private static Optional<Instant> leafExpiry(SSLSession session) {
    try {
      Certificate[] chain = session.getPeerCertificates();
      return chain.length > 0 && chain[0] instanceof X509Certificate leaf
          ? Optional.of(leaf.getNotAfter().toInstant())
          : Optional.empty();
    } catch (SSLPeerUnverifiedException e) {
      return Optional.empty();
    }
  }

  /** {@code shared}, with every client socket it makes noted here. */
  SSLContext recording(SSLContext shared) {
    return new SSLContext(new RecordingSpi(shared), shared.getProvider(), shared.getProtocol()) {};
  }

  private final class RecordingSpi extends SSLContextSpi {

    private final SSLContext shared;

    RecordingSpi(SSLContext shared) {
      this.shared = shared;
    }

    @Override
    protected void engineInit(KeyManager[] km, TrustManager[] tm, SecureRandom random)
        throws KeyManagementException {
      throw new KeyManagementException("already initialised");
    }

    @Override
    protected SSLSocketFactory engineGetSocketFactory() {
      return new RecordingSocketFactory(shared.getSocketFactory());
    }

    // SSLContextSpi's own would open a socket to find these out, and note it.
    @Override
    protected SSLParameters engineGetDefaultSSLParameters() {
      return shared.getDefaultSSLParameters();
    }

    @Override
    protected SSLParameters engineGetSupportedSSLParameters() {
      return shared.getSupportedSSLParameters();
    }

    @Override
    protected SSLServerSocketFactory engineGetServerSocketFactory() {
      return shared.getServerSocketFactory();
    }

    @Override
    protected SSLEngine engineCreateSSLEngine() {
      return shared.createSSLEngine();
    }

    @Override
    protected SSLEngine engineCreateSSLEngine(String host, int port) {
      return shared.createSSLEngine(host, port);
    }

    @Override
    protected SSLSessionContext engineGetServerSessionContext() {
      return shared.getServerSessionContext();
    }

    @Override
    protected SSLSessionContext engineGetClientSessionContext() {
      return shared.getClientSessionContext();
    }
  }

  private final class RecordingSocketFactory extends SSLSocketFactory {

    private final SSLSocketFactory factory;

    RecordingSocketFactory(SSLSocketFactory factory) {
      this.factory = factory;
    }

    private Socket noted(Socket socket) {
      if (socket instanceof SSLSocket ssl) {
        opened(ssl::getSession);
        sockets.addFirst(ssl);
      }
      return socket;
    }

    @Override
    public String[] getDefaultCipherSuites() {
      return factory.getDefaultCipherSuites();
    }

    @Override
    public String[] getSupportedCipherSuites() {
      return factory.getSupportedCipherSuites();
    }

    @Override
    public Socket createSocket() throws IOException {
      return noted(factory.createSocket());
    }

    @Override
    public Socket createSocket(Socket socket, String host, int port, boolean autoClose)
        throws IOException {
      return noted(factory.createSocket(socket, host, port, autoClose));
    }

    @Override
    public Socket createSocket(String host, int port) throws IOException {
      return noted(factory.createSocket(host, port));
    }

    @Override
    public Socket createSocket(String host, int port, InetAddress localHost, int localPort)
        throws IOException {
      return noted(factory.createSocket(host, port, localHost, localPort));
    }

    @Override
    public Socket createSocket(InetAddress host, int port) throws IOException {
      return noted(factory.createSocket(host, port));
    }

    @Override
    public Socket createSocket(
        InetAddress address, int port, InetAddress localAddress, int localPort) throws IOException {
      return noted(factory.createSocket(address, port, localAddress, localPort));
    }
  }
}
