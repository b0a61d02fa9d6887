package org.sitewatch.bench;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * A loopback web site that accepts the TCP connection and never answers: every probe of it times
 * out. One thread reads and discards what peers send, and closes a connection when its peer does,
 * after {@link #HOLD}, or, beyond {@link #MAX_HELD} held at once, the oldest to make room. It
 * listens on the loopback address only and stops by itself after its lifetime, if not closed
 * sooner.
 */
final class BlackholeServer implements AutoCloseable {

  private static final Logger LOG = Logger.getLogger(BlackholeServer.class.getName());

  static final Duration HOLD = Duration.ofSeconds(60);
  static final int MAX_HELD = 4096;

  private final int port;
  private final long stopAtNanos;
  private final Selector selector;
  private final ServerSocketChannel server;

  /** Open connections by the time they were accepted, oldest first. */
  private final Map<SocketChannel, Long> held = new LinkedHashMap<>();

  private final AtomicLong accepted = new AtomicLong();
  private final AtomicLong evicted = new AtomicLong();
  private final Thread thread;
  private volatile boolean running = true;

  BlackholeServer(int port, Duration lifetime) throws IOException {
    this.port = port;
    this.stopAtNanos = System.nanoTime() + lifetime.toNanos();
    selector = Selector.open();
    server = ServerSocketChannel.open();
    try {
      server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), MAX_HELD);
      server.configureBlocking(false);
      server.register(selector, SelectionKey.OP_ACCEPT);
    } catch (IOException e) {
      server.close();
      selector.close();
      throw e;
    }
    thread = new Thread(this::run, "blackhole");
    thread.setDaemon(true);
    thread.start();
  }

  String url(int site) {
    return "http://127.0.0.1:" + port + "/hole/" + site;
  }

  /** Connections accepted so far. */
  long accepted() {
    return accepted.get();
  }

  private void run() {
    ByteBuffer sink = ByteBuffer.allocate(8192);
    try {
      while (running && System.nanoTime() - stopAtNanos < 0) {
        selector.select(1000);
        for (SelectionKey key : selector.selectedKeys()) {
          if (key.isValid() && key.isAcceptable()) {
            accept();
          } else if (key.isValid() && key.isReadable()) {
            drain((SocketChannel) key.channel(), sink);
          }
        }
        selector.selectedKeys().clear();
        closeOlderThan(System.nanoTime() - HOLD.toNanos());
      }
    } catch (IOException | RuntimeException e) {
      LOG.log(Level.WARNING, "The blackhole server failed", e);
    } finally {
      held.keySet().forEach(BlackholeServer::closeQuietly);
      held.clear();
      closeQuietly(server);
      closeQuietly(selector);
      LOG.log(
          Level.INFO,
          "The blackhole server stopped: {0} connections accepted, {1} closed to make room",
          new Object[] {accepted.get(), evicted.get()});
    }
  }

  private void accept() throws IOException {
    SocketChannel channel;
    while ((channel = server.accept()) != null) {
      accepted.incrementAndGet();
      if (held.size() >= MAX_HELD) {
        evicted.incrementAndGet();
        close(held.keySet().iterator().next());
      }
      channel.configureBlocking(false);
      channel.register(selector, SelectionKey.OP_READ);
      held.put(channel, System.nanoTime());
    }
  }

  /** Reads and discards what the peer sent; closes the connection once the peer has. */
  private void drain(SocketChannel channel, ByteBuffer sink) {
    try {
      int read;
      do {
        sink.clear();
        read = channel.read(sink);
      } while (read > 0);
      if (read < 0) {
        close(channel);
      }
    } catch (IOException e) {
      close(channel);
    }
  }

  private void closeOlderThan(long acceptedBeforeNanos) {
    Iterator<Map.Entry<SocketChannel, Long>> oldestFirst = held.entrySet().iterator();
    while (oldestFirst.hasNext()) {
      Map.Entry<SocketChannel, Long> next = oldestFirst.next();
      if (next.getValue() - acceptedBeforeNanos >= 0) {
        return;
      }
      oldestFirst.remove();
      closeQuietly(next.getKey());
    }
  }

  private void close(SocketChannel channel) {
    held.remove(channel);
    closeQuietly(channel);
  }

  private static void closeQuietly(AutoCloseable closeable) {
    try {
      closeable.close();
    } catch (Exception e) {
      // Closing only.
    }
  }

  /** Stops the server and closes every connection it holds. */
  @Override
  public void close() throws InterruptedException {
    running = false;
    selector.wakeup();
    thread.join();
  }
}
