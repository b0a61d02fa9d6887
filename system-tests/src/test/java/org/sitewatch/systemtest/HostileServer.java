package org.sitewatch.systemtest;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.ServerSocketFactory;
import org.sitewatch.checker.probe.Prober;

/**
 * A loopback server that misbehaves in one chosen way, for {@link HostileTargets}. It counts what
 * it wrote to each connection, how many connections it accepted, how long each stayed open and
 * which checks it was asked for more than once, so a test can prove that the checker read no more
 * than it should, hung up when it gave up (rather than leaving a thread and a connection behind)
 * and did not repeat a request unseen.
 */
final class HostileServer implements AutoCloseable {

  /** What the server does with one accepted connection; returning closes it. */
  @FunctionalInterface
  interface Behaviour {
    void serve(Connection connection) throws IOException;
  }

  private final ServerSocket listener;
  private final Behaviour behaviour;
  private final String scheme;
  private final ExecutorService threads =
      Executors.newCachedThreadPool(
          r -> {
            Thread t = new Thread(r, "hostile-server");
            t.setDaemon(true);
            return t;
          });

  /** Open connections, with the {@link System#nanoTime()} each was accepted at. */
  private final Map<Socket, Long> open = new ConcurrentHashMap<>();

  /** Requests per check id (the probe's {@link Prober#CHECK_ID_HEADER}). */
  private final Map<String, AtomicInteger> requestsPerCheck = new ConcurrentHashMap<>();

  private final AtomicInteger accepted = new AtomicInteger();
  private final AtomicLong mostWritten = new AtomicLong();
  private final AtomicLong longestClosedNanos = new AtomicLong();
  private volatile boolean closed;

  private HostileServer(ServerSocketFactory factory, String scheme, Behaviour behaviour)
      throws IOException {
    this.listener = factory.createServerSocket(0, 50, InetAddress.getLoopbackAddress());
    this.scheme = scheme;
    this.behaviour = behaviour;
    threads.execute(this::acceptLoop);
  }

  /** Plain TCP; an {@code https} URL to it makes a TLS handshake that never completes. */
  static HostileServer start(Behaviour behaviour) throws IOException {
    return new HostileServer(ServerSocketFactory.getDefault(), "http", behaviour);
  }

  /** TLS with the given server sockets (the certificate is the scenario). */
  static HostileServer startTls(ServerSocketFactory tls, Behaviour behaviour) throws IOException {
    return new HostileServer(tls, "https", behaviour);
  }

  URI url(String path) {
    return URI.create(scheme + "://127.0.0.1:" + listener.getLocalPort() + path);
  }

  /** The same port with another scheme: {@code https} to a plain server never hears a hello. */
  URI url(String otherScheme, String path) {
    return URI.create(otherScheme + "://127.0.0.1:" + listener.getLocalPort() + path);
  }

  int accepted() {
    return accepted.get();
  }

  int openConnections() {
    return open.size();
  }

  /** The most bytes written to any one connection. */
  long mostBytesWritten() {
    return mostWritten.get();
  }

  /** The longest any connection stayed open, those still open counted until now. */
  Duration longestHeld() {
    long now = System.nanoTime();
    long longest = longestClosedNanos.get();
    for (long since : open.values()) {
      longest = Math.max(longest, now - since);
    }
    return Duration.ofNanos(longest);
  }

  /** Starts the counts again from now, the connections still open counted as opened now. */
  void resetCounts() {
    accepted.set(0);
    mostWritten.set(0);
    longestClosedNanos.set(0);
    requestsPerCheck.clear();
    open.replaceAll((socket, since) -> System.nanoTime());
  }

  /** Checks whose request came more than once: a retry, seen or not. */
  long repeatedChecks() {
    return requestsPerCheck.values().stream().filter(n -> n.get() > 1).count();
  }

  private void acceptLoop() {
    while (!closed) {
      Socket socket;
      try {
        socket = listener.accept();
      } catch (IOException e) {
        return; // closed
      }
      accepted.incrementAndGet();
      open.put(socket, System.nanoTime());
      threads.execute(
          () -> {
            try (socket) {
              behaviour.serve(new Connection(socket));
            } catch (IOException e) {
              // the checker hung up: what most scenarios wait for
            } finally {
              long since = open.remove(socket);
              longestClosedNanos.accumulateAndGet(System.nanoTime() - since, Math::max);
            }
          });
    }
  }

  @Override
  public void close() throws IOException {
    closed = true;
    listener.close();
    for (Socket s : open.keySet()) {
      s.close();
    }
    threads.shutdownNow();
  }

  /** One accepted connection, with the server's byte count. */
  final class Connection {
    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    private long written;
    private boolean repeat;

    Connection(Socket socket) throws IOException {
      this.socket = socket;
      this.in = socket.getInputStream();
      this.out = socket.getOutputStream();
    }

    /**
     * Reads one request head (up to the blank line).
     *
     * @return false if the peer closed the connection first
     */
    boolean readRequestHead() throws IOException {
      ByteArrayOutputStream head = new ByteArrayOutputStream();
      int matched = 0;
      byte[] end = "\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
      while (matched < end.length) {
        int b = in.read();
        if (b < 0) {
          return false;
        }
        head.write(b);
        matched = b == end[matched] ? matched + 1 : (b == end[0] ? 1 : 0);
        if (head.size() > 64 * 1024) {
          throw new IOException("request head over 64 KiB");
        }
      }
      count(head.toString(StandardCharsets.ISO_8859_1));
      return true;
    }

    /** Whether the last request read was for a check that had a request before. */
    boolean repeatsACheck() {
      return repeat;
    }

    private void count(String head) {
      String prefix = Prober.CHECK_ID_HEADER.toLowerCase(Locale.ROOT) + ":";
      repeat =
          head.lines()
              .filter(line -> line.toLowerCase(Locale.ROOT).startsWith(prefix))
              .map(line -> line.substring(prefix.length()).strip())
              .findFirst()
              .map(id -> requestsPerCheck.computeIfAbsent(id, k -> new AtomicInteger()))
              .map(requests -> requests.incrementAndGet() > 1)
              .orElse(false);
    }

    void write(byte[] bytes) throws IOException {
      write(bytes, bytes.length);
    }

    void write(byte[] bytes, int length) throws IOException {
      out.write(bytes, 0, length);
      out.flush();
      written += length;
      mostWritten.accumulateAndGet(written, Math::max);
    }

    void write(String text) throws IOException {
      write(text.getBytes(StandardCharsets.ISO_8859_1));
    }

    /**
     * Waits up to {@code millis} for the peer: the pace of a trickle, and the way to notice that
     * the checker hung up.
     *
     * @return false once the peer has closed the connection
     */
    boolean peerStillThere(int millis) throws IOException {
      socket.setSoTimeout(millis);
      byte[] discard = new byte[4096];
      long deadline = System.nanoTime() + millis * 1_000_000L;
      try {
        while (System.nanoTime() < deadline) {
          if (in.read(discard) < 0) {
            return false;
          }
        }
      } catch (SocketTimeoutException e) {
        return true;
      }
      return true;
    }

    /** Never answers; returns once the peer has closed the connection. */
    void awaitPeerClose() throws IOException {
      while (!closed && peerStillThere(1000)) {
        // reading whatever arrives (a request, a TLS ClientHello) and ignoring it
      }
    }
  }
}
