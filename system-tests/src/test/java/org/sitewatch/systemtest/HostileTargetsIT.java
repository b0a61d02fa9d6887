package org.sitewatch.systemtest;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.inject.Inject;
import java.io.File;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.awaitility.Awaitility;
import org.hamcrest.Matcher;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.EmptyAsset;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.sitewatch.checker.probe.Prober;
import org.sitewatch.checker.site.BodyPattern;
import org.sitewatch.checker.site.Expectation;
import org.sitewatch.checker.site.RedirectPolicy;
import org.sitewatch.checker.site.Request;
import org.sitewatch.checker.site.Schedule;
import org.sitewatch.checker.site.Site;
import org.sitewatch.checker.site.StatusRanges;
import org.sitewatch.common.CheckResult;
import org.sitewatch.common.Reason;
import org.sitewatch.common.catalog.AlertPolicy;
import org.sitewatch.support.duration.Durations;
import org.sitewatch.support.text.MessageText;

/**
 * The Prober inside the checker's Liberty server against targets that misbehave on purpose, each
 * played by a {@link HostileServer} on loopback in the same JVM. Every probe must end in the honest
 * Outcome within the site's timeout plus a small margin, read no more than it must (bytes counted
 * by the server), hang up when it is done (no connection, and so no thread, left behind) and leave
 * the heap as it found it.
 */
@ExtendWith(ArquillianExtension.class)
class HostileTargetsIT {

  private static final Duration TIMEOUT = Duration.ofSeconds(3);

  /** Scheduling noise on a loaded 2-core machine, on top of the site's timeout. */
  private static final Duration MARGIN = Duration.ofMillis(1500);

  /** The body cap is 1 MiB; loopback socket buffers on both sides hold a few MiB more. */
  private static final long MOST_BYTES_READ = 16L * 1024 * 1024;

  private static final long HUNDRED_MB = 100L * 1000 * 1000;
  private static final String MARKER = "sitewatch-marker";

  @Deployment
  static WebArchive deployment() {
    return ShrinkWrap.create(WebArchive.class, "hostile-targets-it.war")
        .addPackages(false, Prober.class.getPackage(), Site.class.getPackage())
        .addPackages(false, CheckResult.class.getPackage(), AlertPolicy.class.getPackage())
        .addPackages(false, Durations.class.getPackage(), MessageText.class.getPackage())
        .addClasses(HostileServer.class, HostileCertificates.class)
        .addAsLibraries(jarOf(Awaitility.class), jarOf(Matcher.class))
        .addAsWebInfResource(EmptyAsset.INSTANCE, "beans.xml");
  }

  private static File jarOf(Class<?> type) {
    try {
      return new File(type.getProtectionDomain().getCodeSource().getLocation().toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  @Inject Prober prober;

  private static Site site(URI url, String regex) {
    return new Site(
        "hostile",
        "hostile",
        Request.get(url),
        new Schedule(Duration.ofSeconds(10), TIMEOUT),
        Expectation.of(
            StatusRanges.DEFAULT, Optional.ofNullable(regex).map(text -> new BodyPattern(text, 0))),
        RedirectPolicy.DEFAULT,
        0,
        Map.of(),
        AlertPolicy.DEFAULT,
        List.of());
  }

  /**
   * Probes once and checks what every hostile scenario must show: the result within the timeout
   * plus the margin, the checker's connections closed by then too, and no heap kept afterwards.
   */
  private CheckResult probe(HostileServer server, Site site) throws Exception {
    prober.prepare(site); // as the scheduler does for each site it schedules
    long heapBefore = heapUsedAfterGc();
    long started = System.nanoTime();
    CheckResult result = prober.probe(site).toCompletableFuture().get(30, TimeUnit.SECONDS);
    Duration elapsed = Duration.ofNanos(System.nanoTime() - started);
    Duration atMost = site.schedule().timeout().plus(MARGIN);
    assertTrue(
        elapsed.compareTo(atMost) <= 0,
        "the result must come within " + atMost + ", came after " + elapsed + ": " + result);
    assertTrue(server.accepted() >= 1, "the probe must have reached the hostile server");
    await(
            "the checker hangs up on "
                + site.request().url()
                + " once the probe is over ("
                + result
                + ")")
        .atMost(atMost.minus(elapsed).plusMillis(500))
        .pollInterval(Duration.ofMillis(50))
        .until(() -> server.openConnections() == 0);
    long grown = heapUsedAfterGc() - heapBefore;
    assertTrue(
        grown < 32L * 1024 * 1024,
        "the heap after GC must not grow by a probe; grew by " + grown / 1024 + " KiB");
    return result;
  }

  private static long heapUsedAfterGc() {
    System.gc();
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
  }

  private static void assertOutcome(Reason reason, CheckResult result) {
    assertEquals(reason, result.outcome().reason(), "outcome: " + result.outcome());
  }

  private static void assertUp(CheckResult result) {
    assertTrue(result.outcome().isUp(), "must be UP: " + result.outcome());
  }

  private static void assertReadAtMostACap(HostileServer server) {
    assertTrue(
        server.bytesWritten() <= MOST_BYTES_READ,
        "the checker must stop reading after the body cap; the server wrote "
            + server.bytesWritten()
            + " bytes");
  }

  // What the targets do.

  /** The response, one byte a second, forever: no single read ever waits a whole timeout. */
  private static void trickle(HostileServer.Connection c) throws java.io.IOException {
    c.readRequestHead();
    byte[] response = "HTTP/1.1 200 OK\r\nX-Trickle: ".getBytes(StandardCharsets.US_ASCII);
    for (int i = 0; ; i++) {
      c.write(new byte[] {i < response.length ? response[i] : (byte) 'a'});
      if (!c.peerStillThere(1000)) {
        return;
      }
    }
  }

  /** A chunked 200 whose chunks never end, starting with {@code prefix}. */
  private static HostileServer.Behaviour endlessBody(String prefix) {
    return c -> {
      c.readRequestHead();
      c.write("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nTransfer-Encoding: chunked\r\n\r\n");
      byte[] chunk = chunk(prefix, 64 * 1024);
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

  // The scenarios.

  @Test
  void aResponseTricklingOneByteASecondTimesOutAtTheDeadline() throws Exception {
    try (HostileServer server = HostileServer.start(HostileTargetsIT::trickle)) {
      CheckResult result = probe(server, site(server.url("/trickle"), null));
      assertOutcome(Reason.TIMEOUT, result);
      assertNull(result.httpStatus());
    }
  }

  @Test
  void aPortThatAcceptsAndNeverAnswersTimesOut() throws Exception {
    try (HostileServer server = HostileServer.start(HostileServer.Connection::awaitPeerClose)) {
      assertOutcome(Reason.TIMEOUT, probe(server, site(server.url("/silent"), null)));
    }
  }

  @Test
  void aTlsHandshakeThatNeverCompletesEndsWithinTheTimeout() throws Exception {
    try (HostileServer server = HostileServer.start(HostileServer.Connection::awaitPeerClose)) {
      CheckResult result = probe(server, site(server.url("https", "/no-hello"), null));
      assertTrue(
          EnumSet.of(Reason.TIMEOUT, Reason.TLS).contains(result.outcome().reason()),
          "TIMEOUT or TLS: " + result.outcome());
    }
  }

  @Test
  void anEndlessBodyWithoutARegexIsUpAndNotRead() throws Exception {
    try (HostileServer server = HostileServer.start(endlessBody(""))) {
      assertUp(probe(server, site(server.url("/endless"), null)));
      assertReadAtMostACap(server);
    }
  }

  @Test
  void anEndlessBodyIsSearchedOnlyInItsFirstMebibyte() throws Exception {
    try (HostileServer server = HostileServer.start(endlessBody(""))) {
      CheckResult result = probe(server, site(server.url("/endless"), MARKER));
      assertOutcome(Reason.BODY_MISMATCH, result);
      assertEquals(Boolean.FALSE, result.regexMatched());
      assertReadAtMostACap(server);
    }
  }

  @Test
  void aHundredMegabyteBodyWithoutARegexIsUpAndNotRead() throws Exception {
    try (HostileServer server = HostileServer.start(hundredMegabyteBody(""))) {
      assertUp(probe(server, site(server.url("/big"), null)));
      assertReadAtMostACap(server);
    }
  }

  @Test
  void aHundredMegabyteBodyMatchesARegexInItsFirstMebibyte() throws Exception {
    try (HostileServer server = HostileServer.start(hundredMegabyteBody("<p>" + MARKER))) {
      CheckResult result = probe(server, site(server.url("/big"), MARKER));
      assertUp(result);
      assertEquals(Boolean.TRUE, result.regexMatched());
      assertReadAtMostACap(server);
    }
  }

  @Test
  void aMegabyteOfResponseHeadersIsDownWithoutExhaustingMemory() throws Exception {
    HostileServer.Behaviour hugeHeaders =
        c -> {
          c.readRequestHead();
          c.write("HTTP/1.1 200 OK\r\n");
          String filler = "a".repeat(1000);
          for (int i = 0; i < 1024; i++) {
            c.write("X-Filler-" + i + ": " + filler + "\r\n");
          }
          c.write("Content-Length: 2\r\n\r\nok");
          c.awaitPeerClose();
        };
    try (HostileServer server = HostileServer.start(hugeHeaders)) {
      CheckResult result = probe(server, site(server.url("/headers"), null));
      assertTrue(!result.outcome().isUp(), "must be DOWN: " + result.outcome());
      assertTrue(
          result.outcome().message().contains("header"),
          "the message must say the headers are the problem: " + result.outcome());
    }
  }

  @Test
  void aRedirectLoopIsTooManyRedirectsWithinTheTimeout() throws Exception {
    HostileServer.Behaviour loop =
        c -> {
          while (c.readRequestHead()) {
            c.write("HTTP/1.1 302 Found\r\nLocation: /loop\r\nContent-Length: 0\r\n\r\n");
          }
        };
    try (HostileServer server = HostileServer.start(loop)) {
      CheckResult result = probe(server, site(server.url("/loop"), null));
      assertOutcome(Reason.TOO_MANY_REDIRECTS, result);
      assertTrue(
          result.outcome().message().contains("/loop"), "names the last hop: " + result.outcome());
    }
  }

  @Test
  void aConnectionDroppedWithoutAnAnswerIsDownAndNotRetriedUnseen() throws Exception {
    AtomicInteger connections = new AtomicInteger();
    HostileServer.Behaviour dropTheFirst =
        c -> {
          c.readRequestHead();
          if (connections.incrementAndGet() > 1) {
            c.write("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok");
          }
        };
    try (HostileServer server = HostileServer.start(dropTheFirst)) {
      CheckResult result = probe(server, site(server.url("/drop"), null));
      assertFalse(result.outcome().isUp(), "the site dropped the probe: " + result.outcome());
      assertEquals(1, result.attempts(), "no retries configured");
      assertEquals(1, server.accepted(), "one attempt, one connection: nothing retried unseen");
    }
  }

  /** Answers 200 to whoever completes the handshake (nobody should). */
  private static void okOverTls(HostileServer.Connection c) throws java.io.IOException {
    if (c.readRequestHead()) {
      c.write("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok");
    }
  }

  @Test
  void aSelfSignedCertificateIsTlsAndSaysSo() throws Exception {
    try (HostileServer server =
        HostileServer.startTls(HostileCertificates.selfSigned(), HostileTargetsIT::okOverTls)) {
      CheckResult result = probe(server, site(server.url("/"), null));
      assertOutcome(Reason.TLS, result);
      assertTrue(
          result.outcome().message().contains("self-signed"),
          "the message must say the certificate is self-signed: " + result.outcome());
    }
  }

  @Test
  void anExpiredCertificateIsTlsAndSaysSo() throws Exception {
    try (HostileServer server =
        HostileServer.startTls(HostileCertificates.expired(), HostileTargetsIT::okOverTls)) {
      CheckResult result = probe(server, site(server.url("/"), null));
      assertOutcome(Reason.TLS, result);
      assertTrue(
          result.outcome().message().contains("expired"),
          "the message must say the certificate expired: " + result.outcome());
    }
  }
}
