package org.sitewatch.infra;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;

/** Loopback port checks, so that a port clash fails fast with a message that names the port. */
public final class Ports {

  public static final String LOOPBACK = "127.0.0.1";

  private Ports() {}

  /** Whether nothing listens on {@code 127.0.0.1:port} (by binding it for an instant). */
  public static boolean isFree(int port) {
    try (ServerSocket socket = new ServerSocket()) {
      socket.setReuseAddress(true);
      socket.bind(new InetSocketAddress(InetAddress.getByName(LOOPBACK), port));
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  /**
   * Throws with a readable message if {@code 127.0.0.1:port} is taken.
   *
   * @param what who needs the port, for the message
   */
  static void requireFree(int port, String what) throws PortInUseException {
    if (!isFree(port)) {
      throw new PortInUseException(
          "Port "
              + port
              + " on "
              + LOOPBACK
              + " (for "
              + what
              + ") is already in use: is an earlier run still up? Stop it, or choose another"
              + " port.");
    }
  }

  /** A port on 127.0.0.1 that is free at this moment, other than {@code except}. */
  static int anyFree(int except) throws IOException {
    while (true) {
      try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(LOOPBACK))) {
        if (socket.getLocalPort() != except) {
          return socket.getLocalPort();
        }
      }
    }
  }

  /** A port clash: the message says everything, a stack trace would add nothing. */
  static final class PortInUseException extends IOException {
    private static final long serialVersionUID = 1L;

    PortInUseException(String message) {
      super(message);
    }
  }

  /** Whether {@code host:port} accepts a TCP connection within {@code timeout}. */
  static boolean accepts(String host, int port, Duration timeout) {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(host, port), (int) timeout.toMillis());
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  /** Checks a port number given on the command line or in a file. */
  public static int parse(String text, String name) {
    int port;
    try {
      port = Integer.parseInt(text.trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(name + " must be a port number, not '" + text + "'");
    }
    if (port < 1 || port > 65535) {
      throw new IllegalArgumentException(name + " must be between 1 and 65535, not " + port);
    }
    return port;
  }
}
