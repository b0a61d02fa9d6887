package org.sitewatch.systemtest;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.sitewatch.common.CheckResult;
import org.sitewatch.common.Outcome;
import org.sitewatch.common.Reason;
import org.sitewatch.common.ResultIds;
import org.sitewatch.common.serde.CheckResultCodec;

/**
 * The status page (/status, /status/site.html) in headless Chromium (Debian's chromium and
 * chromium-driver, installed when missing and root) against the stack's running persister.
 */
class StatusPageIT {

  /** The page's refresh period in these tests (?refresh=2). */
  private static final Duration REFRESH = Duration.ofSeconds(2);

  /**
   * Scenario sites whose state is settled once the checker is warm (see PipelineIT), site id ->
   * state.
   */
  private static final Map<String, String> SETTLED = new LinkedHashMap<>();

  static {
    SETTLED.put("ok-plain", "UP");
    SETTLED.put("ok-with-marker", "UP");
    SETTLED.put("tls-labelled", "UP");
    SETTLED.put("server-error", "DOWN");
    SETTLED.put("closed-port", "DOWN");
    SETTLED.put("unknown-host", "DOWN");
    SETTLED.put("marker-missing", "DOWN");
  }

  private static final Path SCREENSHOTS = Browser.SCREENSHOTS;

  private static WebDriver browser;

  @BeforeAll
  static void startBrowser() throws Exception {
    browser = Browser.start();
  }

  @AfterAll
  static void stopBrowser() {
    if (browser != null) {
      browser.quit();
    }
  }

  private static void open(String path) {
    browser.get(Stack.persister(path).toString());
  }

  /**
   * The rows drawn now: site id -> state. Read in one script, as the page redraws the list on every
   * refresh (element references would go stale in between).
   */
  @SuppressWarnings("unchecked")
  private static Map<String, String> rows() {
    List<List<String>> pairs =
        (List<List<String>>)
            ((JavascriptExecutor) browser)
                .executeScript(
                    "return Array.from(document.querySelectorAll('#sites > li.site'))"
                        + ".map(r => [r.dataset.siteId, r.dataset.state]);");
    Map<String, String> rows = new LinkedHashMap<>();
    pairs.forEach(pair -> rows.put(pair.get(0), pair.get(1)));
    return rows;
  }

  /** The text of an element inside a site's row, read in one script; null when absent. */
  private static String rowText(String siteId, String selector) {
    return (String)
        ((JavascriptExecutor) browser)
            .executeScript(
                "const e = document.querySelector("
                    + "`#sites > li.site[data-site-id='${arguments[0]}'] ${arguments[1]}`);"
                    + " return e ? e.textContent : null;",
                siteId,
                selector);
  }

  private static int loads() {
    String loads = browser.findElement(By.tagName("body")).getAttribute("data-loads");
    return loads == null ? 0 : Integer.parseInt(loads);
  }

  private static void awaitLoaded() {
    await("the list is drawn").atMost(Duration.ofSeconds(30)).until(() -> loads() >= 1);
  }

  private static void screenshot(String name) throws Exception {
    byte[] png = ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES);
    Files.write(SCREENSHOTS.resolve(name + ".png"), png);
  }

  @Test
  void listsEveryScenarioSiteWithItsState() throws Exception {
    // Pages of 5: the scenario sites only all show when the page follows rel="next".
    open("/status/?refresh=2&pageSize=5");
    awaitLoaded();
    await("every scenario site listed, the settled ones in their states")
        .atMost(Duration.ofSeconds(120))
        .pollInterval(Duration.ofMillis(500))
        .untilAsserted(
            () -> {
              Map<String, String> rows = rows();
              for (String id : ScenarioSites.ids()) {
                assertTrue(rows.containsKey(id), id + " is listed among " + rows.keySet());
              }
              SETTLED.forEach(
                  (id, state) -> assertEquals(state, rows.get(id), id + " is shown " + state));
            });
    String responseTime = rowText("server-error", ".response-time");
    assertTrue(
        responseTime != null && responseTime.matches("[0-9.]+ m?s"),
        "a response time is shown: " + responseTime);
    String reason = rowText("server-error", ".reason");
    assertTrue(
        reason != null && reason.startsWith("HTTP_STATUS"),
        "a DOWN site shows its reason: " + reason);
    Object days =
        ((JavascriptExecutor) browser)
            .executeScript(
                "const e = document.querySelector("
                    + "\"#sites > li.site[data-site-id='server-error'] .bars\");"
                    + " return e ? e.dataset.days : null;");
    assertEquals("90", days, "a site shows 90 daily uptime bars");
    screenshot("status-list");
    browser.manage().window().setSize(new Dimension(390, 844));
    try {
      Number width =
          (Number)
              ((JavascriptExecutor) browser)
                  .executeScript(
                      "return document.querySelector('#sites > li.site')"
                          + ".getBoundingClientRect().right;");
      assertTrue(
          width.doubleValue() <= 390, "on a phone a row fits the screen, ends at " + width + " px");
      screenshot("status-list-phone");
    } finally {
      browser.manage().window().setSize(new Dimension(1280, 1000));
    }
  }

  @Test
  void onlyDownAndSearchNarrowTheList() {
    open("/status/?refresh=2");
    awaitLoaded();
    await("the settled scenario sites in their states")
        .atMost(Duration.ofSeconds(120))
        .until(
            () ->
                SETTLED.entrySet().stream()
                    .allMatch(e -> e.getValue().equals(rows().get(e.getKey()))));

    browser.findElement(By.id("only-down")).click();
    await("only DOWN sites listed")
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(
            () -> {
              Map<String, String> rows = rows();
              assertTrue(rows.containsKey("server-error"), "server-error is DOWN: " + rows);
              assertFalse(rows.containsKey("ok-plain"), "ok-plain is UP: " + rows);
              assertTrue(
                  rows.values().stream().allMatch("DOWN"::equals), "every row DOWN: " + rows);
            });
    browser.findElement(By.id("only-down")).click();

    browser.findElement(By.id("search")).sendKeys("tls-");
    await("only the sites named tls-… listed")
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(
            () -> {
              Map<String, String> rows = rows();
              assertTrue(
                  rows.containsKey("tls-labelled") && rows.containsKey("tls-expired"),
                  "both tls- sites listed: " + rows);
              assertTrue(
                  rows.keySet().stream().allMatch(id -> id.contains("tls-")),
                  "nothing else listed: " + rows);
            });
  }

  @Test
  void aSiteThatTurnsDownShowsDownWithinOneRefresh() throws Exception {
    String siteId = "status-page-" + UUID.randomUUID();
    send(siteId, Instant.now(), Outcome.up());
    awaitStored(siteId, "UP");
    open("/status/?refresh=" + REFRESH.toSeconds() + "&q=" + siteId);
    await(siteId + " listed UP")
        .atMost(Duration.ofSeconds(30))
        .until(() -> "UP".equals(rows().get(siteId)));

    send(siteId, Instant.now(), Outcome.down(Reason.HTTP_STATUS, "HTTP 503, expected 200-399"));
    awaitStored(siteId, "DOWN");
    // One refresh period, plus the time one load of the list takes.
    await(siteId + " shown DOWN within one refresh")
        .atMost(REFRESH.plusSeconds(3))
        .pollInterval(Duration.ofMillis(100))
        .until(() -> "DOWN".equals(rows().get(siteId)));
  }

  /** Until the site's latest stored result has this status. */
  private static void awaitStored(String siteId, String status) {
    await(siteId + " stored " + status)
        .atMost(Duration.ofSeconds(30))
        .pollInterval(Duration.ofMillis(100))
        .until(
            () ->
                Stack.get(Stack.persister("/api/sites/" + siteId + "/results?limit=1"))
                    .body()
                    .contains("\"status\":\"" + status + "\""));
  }

  private static void send(String siteId, Instant startedAt, Outcome outcome) throws Exception {
    CheckResult result =
        new CheckResult(
            ResultIds.next(startedAt),
            siteId,
            "https://" + siteId + ".example/",
            startedAt,
            Duration.ofMillis(42),
            outcome.isUp() ? 200 : 503,
            null,
            outcome);
    Topics.send(new ProducerRecord<>(Topics.RESULTS, siteId, CheckResultCodec.encode(result)));
  }

  @Test
  void theRootLeadsToTheStatusPage() {
    open("/");
    await("/ leads to /status/")
        .atMost(Duration.ofSeconds(10))
        .until(() -> browser.getCurrentUrl().endsWith("/status/"));
    awaitLoaded();
    assertTrue(rows().containsKey("ok-plain"), "the list is drawn: " + rows());

    open("/status");
    await("/status serves the list")
        .atMost(Duration.ofSeconds(10))
        .until(() -> browser.getCurrentUrl().endsWith("/status/") && loads() >= 1);
  }

  @Test
  void theSitePageDrawsItsResponseTimeChart() throws Exception {
    open("/status/site.html?id=ok-plain");
    await("a chart with points drawn")
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () -> {
              List<WebElement> canvases = browser.findElements(By.cssSelector("#chart canvas"));
              assertEquals(1, canvases.size(), "one chart canvas");
              Dimension size = canvases.get(0).getSize();
              assertTrue(
                  size.getWidth() > 0 && size.getHeight() > 0, "the canvas has a size: " + size);
              String points = browser.findElement(By.id("chart")).getAttribute("data-points");
              assertTrue(points != null && Integer.parseInt(points) > 0, "points drawn: " + points);
            });
    assertEquals("UP", browser.findElement(By.id("state")).getText(), "ok-plain is UP");
    assertTrue(
        browser.findElement(By.id("uptime")).getText().endsWith("%"), "an uptime figure is shown");
    String changes = browser.findElement(By.id("changes")).getText();
    assertTrue(
        changes.contains("first result: UP") && !changes.contains("undefined"),
        "the state changes start with the first result: " + changes);
    await("the latest checks listed with where and by which checker")
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () -> {
              List<WebElement> checks = browser.findElements(By.cssSelector("#latest tr.check"));
              assertFalse(checks.isEmpty(), "latest checks shown");
              String first = checks.get(0).getText();
              assertTrue(
                  first.contains("UP")
                      && checks
                          .get(0)
                          .findElement(By.className("location"))
                          .getText()
                          .equals("default")
                      && !checks.get(0).findElement(By.className("checker")).getText().isBlank(),
                  "the newest check: its status, location and checker: " + first);
            });
    screenshot("status-site");

    browser.findElement(By.cssSelector("[data-window='7d']")).click();
    await("the 7-day window selected and drawn")
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                browser.getCurrentUrl().contains("window=7d")
                    && browser.findElements(By.cssSelector("#chart canvas")).size() == 1);
  }
}
