package org.sitewatch.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Opens the status page in headless Chromium (Debian's chromium and chromium-driver, as
 * StatusPageIT) and measures navigation start to the list drawn.
 *
 * <p>The list script sets {@code data-loads} on the body right after it has put every row in the
 * document, so a mutation observer, installed before any of the page's scripts, reads {@code
 * performance.now()} (milliseconds since navigation start) at that moment. The bench only polls for
 * the figure, so its polling adds nothing to it.
 */
final class StatusPageLoads implements AutoCloseable {

  private static final String OBSERVE_DRAWN =
      """
      new MutationObserver((changes, observer) => {
        if (document.body && document.body.dataset.loads) {
          window.sitewatchBench = {
            readyMs: performance.now(),
            rows: document.querySelectorAll('#sites > li.site').length
          };
          observer.disconnect();
        }
      }).observe(document, {subtree: true, attributes: true, attributeFilter: ['data-loads']});
      """;

  private static final Duration TIMEOUT = Duration.ofMinutes(2);
  private static final Duration POLL = Duration.ofMillis(50);

  private final ChromeDriver browser;

  /**
   * @param logDir where chromedriver's log goes
   */
  StatusPageLoads(Path logDir) {
    ChromeOptions options = new ChromeOptions();
    options.setBinary("/usr/bin/chromium");
    options.addArguments(
        "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage");
    ChromeDriverService service =
        new ChromeDriverService.Builder()
            .usingDriverExecutable(Path.of("/usr/bin/chromedriver").toFile())
            .withLogFile(logDir.resolve("chromedriver.log").toFile())
            .build();
    browser = new ChromeDriver(service, options);
    browser.manage().window().setSize(new Dimension(1280, 1000));
    browser.executeCdpCommand(
        "Page.addScriptToEvaluateOnNewDocument", Map.of("source", OBSERVE_DRAWN));
  }

  /** One load of {@code url}. */
  Load load(String url) throws InterruptedException {
    browser.get(url);
    long deadline = System.nanoTime() + TIMEOUT.toNanos();
    while (System.nanoTime() - deadline < 0) {
      Object drawn =
          ((JavascriptExecutor) browser).executeScript("return window.sitewatchBench || null;");
      if (drawn instanceof Map<?, ?> figures) {
        return new Load(
            ((Number) figures.get("readyMs")).doubleValue(),
            ((Number) figures.get("rows")).intValue());
      }
      Thread.sleep(POLL.toMillis());
    }
    throw new IllegalStateException(url + " did not draw its list within " + TIMEOUT);
  }

  /**
   * @param readyMs navigation start to the list drawn
   * @param rows the rows drawn
   */
  record Load(double readyMs, int rows) {}

  @Override
  public void close() {
    browser.quit();
  }
}
