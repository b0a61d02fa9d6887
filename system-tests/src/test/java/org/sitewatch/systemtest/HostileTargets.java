package org.sitewatch.systemtest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Locale;
import java.util.function.Consumer;
import org.sitewatch.common.CheckResult;
import org.sitewatch.common.Outcome;
import org.sitewatch.common.Reason;

/**
 * The hostile-target cases, one list for every checker they run against (Liberty's Prober in
 * container, Payara's checker through its stored results): what each target does, played by a
 * {@link HostileServer} on loopback, and what every probe of it must show. Every probe must end in
 * the honest Outcome within the site's timeout plus a small margin, read no more than it must
 * (bytes counted by the server), hang up when it is done (no connection, and so no thread, left
 * behind) and make each request once.
 */
final class HostileTargets {

  static final Duration TIMEOUT = Duration.ofSeconds(3);

  /** Scheduling noise on a loaded 2-core machine, on top of the site's timeout. */
  static final Duration MARGIN = Duration.ofMillis(1500);

  /** The body cap is 1 MiB; loopback socket buffers on both sides hold a few MiB more. */
  static final long MOST_BYTES_READ = 16L * 1024 * 1024;

  private static final long HUNDRED_MB = 100L * 1000 * 1000;
  private static final String MARKER = "sitewatch-marker";
  private static final String OK = "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok";

  private HostileTargets() {}

  /** What one probe of a hostile target showed, as its CheckResult or its stored row has it. */
  record Probed(Outcome outcome, Integer httpStatus, Boolean regexMatched, int attempts) {

    static Probed of(CheckResult result) {
      return new Probed(
          result.outcome(), result.httpStatus(), result.regexMatched(), result.attempts());
    }
  }

  /** Starts a target's server. */
  @FunctionalInterface
  interface Start {
    HostileServer server() throws IOException, GeneralSecurityException;
  }

  /** The cases: a target, the regex its site expects (or none), and what its probes must show. */
  enum Case {
    TRICKLE(
        "/trickle",
        null,
        () -> HostileServer.start(HostileTargets::trickle),
        probed -> {
          assertReason(Reason.TIMEOUT, probed);
          assertNull(probed.httpStatus(), "no status: the head never ended");
        }),
    SILENT(
        "/silent",
        null,
        () -> HostileServer.start(HostileServer.Connection::awaitPeerClose),
        probed -> assertReason(Reason.TIMEOUT, probed)),
    /** An {@code https} URL to a plain server: the handshake never completes. */
    NO_HELLO(
        "/no-hello",
        null,
        () -> HostileServer.start(HostileServer.Connection::awaitPeerClose),
        probed ->
            assertTrue(
                EnumSet.of(Reason.TIMEOUT, Reason.TLS).contains(probed.outcome().reason()),
                "TIMEOUT or TLS: " + probed.outcome())) {
      @Override
      URI url(HostileServer server) {
        return server.url("https", path);
      }
    },
    ENDLESS("/endless", null, () -> HostileServer.start(endlessBody()), HostileTargets::assertUp),
    ENDLESS_REGEX(
        "/endless",
        MARKER,
        () -> HostileServer.start(endlessBody()),
        probed -> {
          assertReason(Reason.BODY_MISMATCH, probed);
          assertEquals(Boolean.FALSE, probed.regexMatched(), "searched, not found");
        }),
    BIG("/big", null, () -> HostileServer.start(hundredMegabyteBody("")), HostileTargets::assertUp),
    BIG_REGEX(
        "/big",
        MARKER,
        () -> HostileServer.start(hundredMegabyteBody("<p>" + MARKER)),
        probed -> {
          assertUp(probed);
          assertEquals(Boolean.TRUE, probed.regexMatched(), "found in the first mebibyte");
        }),
    HEADERS(
        "/headers",
        null,
        () -> HostileServer.start(HostileTargets::hugeHeaders),
        probed -> assertDownSaying(Reason.ERROR, "header", probed)),
    LOOP(
        "/loop",
        null,
        () -> HostileServer.start(HostileTargets::redirectLoop),
        probed -> assertDownSaying(Reason.TOO_MANY_REDIRECTS, "/loop", probed)),
    /** Each check's request is dropped unanswered; a repeat of it would be answered 200. */
    DROP(
        "/drop",
        null,
        () -> HostileServer.start(HostileTargets::dropAllButRepeats),
        probed -> {
          assertFalse(probed.outcome().isUp(), "the site dropped the probe: " + probed.outcome());
          assertEquals(1, probed.attempts(), "no retries configured");
        }) {
      @Override
      void expectServer(HostileServer server) {
        super.expectServer(server);
        assertEquals(
            0, server.repeatedChecks(), "one attempt, one connection: nothing retried unseen");
      }
    },
    SELF_SIGNED(
        "/",
        null,
        () -> HostileServer.startTls(HostileCertificates.selfSigned(), HostileTargets::okOverTls),
        probed -> assertDownSaying(Reason.TLS, "self-signed", probed)),
    EXPIRED(
        "/",
        null,
        () -> HostileServer.startTls(HostileCertificates.expired(), HostileTargets::okOverTls),
        probed -> assertDownSaying(Reason.TLS, "expired", probed));

    final String path;
    private final String regex;
    private final Start start;
    private final Consumer<Probed> expectation;

    Case(String path, String regex, Start start, Consumer<Probed> expectation) {
      this.path = path;
      this.regex = regex;
      this.start = start;
      this.expectation = expectation;
    }

    /** The case's name as a site id suffix, e.g. {@code endless-regex}. */
    String id() {
      return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    HostileServer start() throws IOException, GeneralSecurityException {
      return start.server();
    }

    URI url(HostileServer server) {
      return server.url(path);
    }

    /** The regex the site expects in the body, or null. */
    String regex() {
      return regex;
    }

    /** What one probe of the target must show. */
    void expect(Probed probed) {
      expectation.accept(probed);
    }

    /**
     * What the target's server must have seen by now, however many probes it served: no connection
     * held open past the timeout, no more read than the body cap allows.
     */
    void expectServer(HostileServer server) {
      assertTrue(server.accepted() >= 1, "the probes must have reached the " + id() + " target");
      assertTrue(
          server.mostBytesWritten() <= MOST_BYTES_READ,
          "the checker must stop reading after the body cap; the "
              + id()
              + " target wrote "
              + server.mostBytesWritten()
              + " bytes to one connection");
      Duration atMost = TIMEOUT.plus(MARGIN);
      assertTrue(
          server.longestHeld().compareTo(atMost) <= 0,
          "the checker must hang up on the "
              + id()
              + " target within "
              + atMost
              + "; a connection stayed open "
              + server.longestHeld());
    }
  }

  private static void assertReason(Reason reason, Probed probed) {
    assertEquals(reason, probed.outcome().reason(), "outcome: " + probed.outcome());
  }

  /** DOWN for {@code reason}, with a message that says what went wrong in {@code words}. */
  private static void assertDownSaying(Reason reason, String words, Probed probed) {
    assertReason(reason, probed);
    assertTrue(
        probed.outcome().message().contains(words),
        "the message must say \"" + words + "\": " + probed.outcome());
  }

  private static void assertUp(Probed probed) {
    assertTrue(probed.outcome().isUp(), "must be UP: " + probed.outcome());
  }

  // What the targets do.

  /** The response, one byte a second, forever: no single read ever waits a whole timeout. */
  private static void trickle(HostileServer.Connection c) throws IOException {
    c.readRequestHead();
    byte[] response = "HTTP/1.1 200 OK\r\nX-Trickle: ".getBytes(StandardCharsets.US_ASCII);
    for (int i = 0; ; i++) {
      c.write(new byte[] {i < response.length ? response[i] : (byte) 'a'});
      if (!c.peerStillThere(1000)) {
        return;
      }
    }
  }

  /** A chunked 200 whose chunks never end. */
  private static HostileServer.Behaviour endlessBody() {
    return c -> {
      c.readRequestHead();
      c.write("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nTransfer-Encoding: chunked\r\n\r\n");
      byte[] chunk = chunk("", 64 * 1024);
      String size = Integer.toHexString(chunk.length) + "\r\n";
      while (true) {
        c.write(size);
        c.write(chunk);
        c.write("\r\n");
      }
    };
  }

  /** A 200 with a Content-Length of 100 MB, all sent, starting with {@code prefix}. */
  private static HostileServer.Behaviour hundredMegabyteBody(String prefix) {
    return c -> {
      c.readRequestHead();
      c.write("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: " + HUNDRED_MB);
      c.write("\r\n\r\n");
      byte[] first = chunk(prefix, 64 * 1024);
      byte[] rest = chunk("", 64 * 1024);
      long left = HUNDRED_MB;
      for (byte[] block = first; left > 0; block = rest) {
        int n = (int) Math.min(block.length, left);
        c.write(block, n);
        left -= n;
      }
      c.awaitPeerClose();
    };
  }

  private static byte[] chunk(String prefix, int size) {
    byte[] chunk = new byte[size];
    Arrays.fill(chunk, (byte) 'a');
    byte[] p = prefix.getBytes(StandardCharsets.US_ASCII);
    System.arraycopy(p, 0, chunk, 0, p.length);
    return chunk;
  }

  /** A megabyte of response headers before a tiny body. */
  private static void hugeHeaders(HostileServer.Connection c) throws IOException {
    c.readRequestHead();
    c.write("HTTP/1.1 200 OK\r\n");
    String filler = "a".repeat(1000);
    for (int i = 0; i < 1024; i++) {
      c.write("X-Filler-" + i + ": " + filler + "\r\n");
    }
    c.write("Content-Length: 2\r\n\r\nok");
    c.awaitPeerClose();
  }

  /**
   * Redirects to itself, and hangs up after each answer as the probe's {@code Connection: close}
   * asks (the JDK's HttpURLConnection, Jersey's engine, would otherwise keep the connection in its
   * keep-alive cache for a while, whatever the request said).
   */
  private static void redirectLoop(HostileServer.Connection c) throws IOException {
    if (c.readRequestHead()) {
      c.write("HTTP/1.1 302 Found\r\nLocation: /loop\r\nContent-Length: 0\r\n\r\n");
    }
  }

  /** Hangs up on a check's request, and answers only a request the client repeated unseen. */
  private static void dropAllButRepeats(HostileServer.Connection c) throws IOException {
    if (c.readRequestHead() && c.repeatsACheck()) {
      c.write(OK);
    }
  }

  /** Answers 200 to whoever completes the handshake (nobody should). */
  private static void okOverTls(HostileServer.Connection c) throws IOException {
    if (c.readRequestHead()) {
      c.write(OK);
    }
  }
}
