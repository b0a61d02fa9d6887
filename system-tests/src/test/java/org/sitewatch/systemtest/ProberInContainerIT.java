package org.sitewatch.systemtest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.EmptyAsset;
import org.jboss.shrinkwrap.api.asset.StringAsset;
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
 * The Prober inside Liberty, with Liberty's own Jakarta REST client, against the scenario site:
 * what the runtime's client does on the wire is what classification has to get right.
 */
@ExtendWith(ArquillianExtension.class)
class ProberInContainerIT {

  @Deployment
  static WebArchive deployment() {
    return ShrinkWrap.create(WebArchive.class, "prober-it.war")
        .addPackages(false, Prober.class.getPackage(), Site.class.getPackage())
        .addPackages(false, CheckResult.class.getPackage(), AlertPolicy.class.getPackage())
        .addPackages(false, Durations.class.getPackage(), MessageText.class.getPackage())
        // The test's system properties stay on the client side: ship the ports with the archive.
        .addAsResource(
            new StringAsset(
                "target.port="
                    + System.getProperty("st.target.port")
                    + "\nclosed.port="
                    + System.getProperty("st.closed.port")),
            "scenario.properties")
        .addAsWebInfResource(EmptyAsset.INSTANCE, "beans.xml");
  }

  private static String scenario(String key) throws IOException {
    Properties p = new Properties();
    try (InputStream in =
        ProberInContainerIT.class.getClassLoader().getResourceAsStream("scenario.properties")) {
      p.load(in);
    }
    return p.getProperty(key);
  }

  @Inject Prober prober;

  private static URI target(String path) throws IOException {
    return URI.create("http://127.0.0.1:" + scenario("target.port") + path);
  }

  private CheckResult probe(Site site) throws Exception {
    return prober.probe(site).toCompletableFuture().get(30, TimeUnit.SECONDS);
  }

  private static Site site(URI url, String method, StatusRanges status, String regex) {
    return new Site(
        "in-container",
        "in-container",
        new Request(method, url, Map.of("X-Probe", "in-container"), Optional.empty()),
        new Schedule(Duration.ofSeconds(10), Duration.ofSeconds(5)),
        Expectation.of(status, Optional.ofNullable(regex).map(text -> new BodyPattern(text, 0))),
        RedirectPolicy.DEFAULT,
        0,
        Map.of(),
        AlertPolicy.DEFAULT,
        List.of());
  }

  @Test
  void aStatusInsideCustomRangesIsUpAndTheRegexIsRecorded() throws Exception {
    CheckResult result =
        probe(site(target("/error"), "GET", StatusRanges.parse("200-299,500"), "boom"));
    assertTrue(result.outcome().isUp(), "500 is expected here: " + result.outcome());
    assertEquals(500, result.httpStatus());
    assertEquals(Boolean.TRUE, result.regexMatched());
  }

  @Test
  void aHeadProbeReadsNoBody() throws Exception {
    CheckResult result = probe(site(target("/untracked"), "HEAD", StatusRanges.DEFAULT, null));
    assertTrue(result.outcome().isUp(), result.outcome().toString());
    assertNull(result.regexMatched());
  }

  @Test
  void aRedirectLoopEndsAfterTheHopLimit() throws Exception {
    CheckResult result = probe(site(target("/loop"), "GET", StatusRanges.DEFAULT, null));
    assertEquals(Reason.TOO_MANY_REDIRECTS, result.outcome().reason(), result.outcome().message());
  }

  @Test
  void aRefusedConnectionIsNamedAsSuch() throws Exception {
    URI closed = URI.create("http://127.0.0.1:" + scenario("closed.port") + "/");
    CheckResult result = probe(site(closed, "GET", StatusRanges.DEFAULT, null));
    assertEquals(Reason.CONNECTION_REFUSED, result.outcome().reason(), result.outcome().message());
  }
}
