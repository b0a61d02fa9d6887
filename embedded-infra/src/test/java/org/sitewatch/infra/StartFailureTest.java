package org.sitewatch.infra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class StartFailureTest {

  private static final long SECOND = Duration.ofSeconds(1).toNanos();

  private final StartFailure watch = new StartFailure();

  private void print(long atNanos, String... lines) {
    for (String line : lines) {
      watch.accept(line, atNanos);
    }
  }

  @Test
  void theProblemsOfAFailedApplicationOnceEachInTheirOrder() {
    print(
        0,
        "[AUDIT   ] CWWKZ0058I: Monitoring dropins for applications.",
        "[ERROR   ] CWWKZ0002E: An exception occurred while starting the application checker-war."
            + " The exception message was: com.ibm.ws.container.service.state.StateChangeException:"
            + " org.sitewatch.checker.site.InvalidSitesFileException: /tmp/sites.yaml: 2 problems",
        "/tmp/sites.yaml:3: sites[0].interval: 500ms is shorter than 1s",
        "/tmp/sites.yaml:7: sites[1].url: required",
        "/tmp/sites.yaml:7: sites[1].url: required com.ibm.ejs.container.EJSHome.createBeanO 1047\""
            + " at ffdc_26.12.03_14.22.16.3.log",
        "\tat org.sitewatch.checker.site.SitesFileParser.parse(SitesFileParser.java:88)",
        "Caused by: org.sitewatch.checker.site.InvalidSitesFileException:"
            + " /tmp/sites.yaml:3: sites[0].interval: 500ms is shorter than 1s",
        "[12/3/26, 13:22:13:620 UTC] 00000001 FrameworkManager A CWWKE0001I: launched.");
    assertEquals(
        Optional.of(
            List.of(
                "/tmp/sites.yaml:3: sites[0].interval: 500ms is shorter than 1s",
                "/tmp/sites.yaml:7: sites[1].url: required")),
        watch.report(2 * SECOND));
  }

  @Test
  void nothingUntilTheRestOfTheMessageHadAMoment() {
    print(SECOND, "[ERROR   ] CWWKZ0002E: An exception occurred while starting the application x.");
    assertTrue(watch.report(SECOND + SECOND / 2).isEmpty(), "half a second after: not yet");
    assertTrue(watch.report(3 * SECOND).isPresent());
  }

  @Test
  void withoutProblemLinesTheFailureItself() {
    print(0, "[ERROR   ] CWWKZ0002E: An exception occurred while starting the application x.");
    assertEquals(
        Optional.of(List.of("CWWKZ0002E: An exception occurred while starting the application x.")),
        watch.report(2 * SECOND));
  }

  @Test
  void problemLinesAloneAreNoFailure() {
    print(0, "/tmp/sites.yaml:3: sites[0].interval: 500ms is shorter than 1s");
    assertTrue(watch.report(10 * SECOND).isEmpty(), "a rejected reload keeps the server running");
  }

  @Test
  void aRestartForgetsTheLastRun() {
    print(0, "[ERROR   ] CWWKZ0002E: An exception occurred while starting the application x.");
    watch.reset();
    assertTrue(watch.report(10 * SECOND).isEmpty());
  }
}
