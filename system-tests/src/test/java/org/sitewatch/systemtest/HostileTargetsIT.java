package org.sitewatch.systemtest;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.inject.Inject;
import java.io.File;
import java.lang.management.ManagementFactory;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
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
import org.sitewatch.common.catalog.AlertPolicy;
import org.sitewatch.support.duration.Durations;
import org.sitewatch.support.text.MessageText;
import org.sitewatch.systemtest.HostileTargets.Case;

/**
 * The {@link HostileTargets} cases against the Prober inside the checker's Liberty server, one
 * probe each, with the target's server in the same JVM: besides what every checker must show, a
 * probe here must leave the heap as it found it.
 */
@ExtendWith(ArquillianExtension.class)
class HostileTargetsIT {

  @Deployment
  static WebArchive deployment() {
    return ShrinkWrap.create(WebArchive.class, "hostile-targets-it.war")
        .addPackages(false, Prober.class.getPackage(), Site.class.getPackage())
        .addPackages(false, CheckResult.class.getPackage(), AlertPolicy.class.getPackage())
        .addPackages(false, Durations.class.getPackage(), MessageText.class.getPackage())
        .addClasses(HostileTargets.class, HostileServer.class, HostileCertificates.class)
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

  private static Site site(Case hostile, HostileServer server) {
    return new Site(
        "hostile-" + hostile.id(),
        "hostile",
        Request.get(hostile.url(server)),
        new Schedule(Duration.ofSeconds(10), HostileTargets.TIMEOUT),
        Expectation.of(
            StatusRanges.DEFAULT,
            Optional.ofNullable(hostile.regex()).map(text -> new BodyPattern(text, 0))),
        RedirectPolicy.DEFAULT,
        0,
        Map.of(),
        AlertPolicy.DEFAULT,
        List.of());
  }

  /**
   * Probes the case's target once and checks what the case expects: the result within the timeout
   * plus the margin, the checker's connections closed by then too, and no heap kept afterwards.
   */
  private void probe(Case hostile) throws Exception {
    try (HostileServer server = hostile.start()) {
      Site site = site(hostile, server);
      prober.prepare(site); // as the scheduler does for each site it schedules
      long heapBefore = heapUsedAfterGc();
      long started = System.nanoTime();
      CheckResult result = prober.probe(site).toCompletableFuture().get(30, TimeUnit.SECONDS);
      Duration elapsed = Duration.ofNanos(System.nanoTime() - started);
      Duration atMost = site.schedule().timeout().plus(HostileTargets.MARGIN);
      assertTrue(
          elapsed.compareTo(atMost) <= 0,
          "the result must come within " + atMost + ", came after " + elapsed + ": " + result);
      await(
              "the checker hangs up on "
                  + site.request().url()
                  + " once the probe is over ("
                  + result
                  + ")")
          .atMost(atMost.minus(elapsed).plusMillis(500))
          .pollInterval(Duration.ofMillis(50))
          .until(() -> server.openConnections() == 0);
      hostile.expect(HostileTargets.Probed.of(result));
      hostile.expectServer(server);
      long grown = heapUsedAfterGc() - heapBefore;
      assertTrue(
          grown < 32L * 1024 * 1024,
          "the heap after GC must not grow by a probe; grew by " + grown / 1024 + " KiB");
    }
  }

  private static long heapUsedAfterGc() {
    System.gc();
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
  }

  @Test
  void aResponseTricklingOneByteASecondTimesOutAtTheDeadline() throws Exception {
    probe(Case.TRICKLE);
  }

  @Test
  void aPortThatAcceptsAndNeverAnswersTimesOut() throws Exception {
    probe(Case.SILENT);
  }

  @Test
  void aTlsHandshakeThatNeverCompletesEndsWithinTheTimeout() throws Exception {
    probe(Case.NO_HELLO);
  }

  @Test
  void anEndlessBodyWithoutARegexIsUpAndNotRead() throws Exception {
    probe(Case.ENDLESS);
  }

  @Test
  void anEndlessBodyIsSearchedOnlyInItsFirstMebibyte() throws Exception {
    probe(Case.ENDLESS_REGEX);
  }

  @Test
  void aHundredMegabyteBodyWithoutARegexIsUpAndNotRead() throws Exception {
    probe(Case.BIG);
  }

  @Test
  void aHundredMegabyteBodyMatchesARegexInItsFirstMebibyte() throws Exception {
    probe(Case.BIG_REGEX);
  }

  @Test
  void aMegabyteOfResponseHeadersIsDownWithoutExhaustingMemory() throws Exception {
    probe(Case.HEADERS);
  }

  @Test
  void aRedirectLoopIsTooManyRedirectsWithinTheTimeout() throws Exception {
    probe(Case.LOOP);
  }

  @Test
  void aConnectionDroppedWithoutAnAnswerIsDownAndNotRetriedUnseen() throws Exception {
    probe(Case.DROP);
  }

  @Test
  void aSelfSignedCertificateIsTlsAndSaysSo() throws Exception {
    probe(Case.SELF_SIGNED);
  }

  @Test
  void anExpiredCertificateIsTlsAndSaysSo() throws Exception {
    probe(Case.EXPIRED);
  }
}
