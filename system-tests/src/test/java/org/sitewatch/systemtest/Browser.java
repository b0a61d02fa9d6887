package org.sitewatch.systemtest;

import java.nio.file.Files;
import java.nio.file.Path;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Headless Chromium through Selenium (Debian's chromium and chromium-driver, installed when missing
 * and root), for the tests of the status page. Screenshots and chromedriver's log go to {@link
 * #SCREENSHOTS} and beside it.
 */
final class Browser {

  static final Path SCREENSHOTS = Path.of("target", "screenshots");

  private Browser() {}

  static WebDriver start() throws Exception {
    OpsTools.ensureBrowserInstalled();
    ChromeOptions options = new ChromeOptions();
    options.setBinary(Processes.which("chromium").toString());
    options.addArguments(
        "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage");
    ChromeDriverService service =
        new ChromeDriverService.Builder()
            .usingDriverExecutable(Processes.which("chromedriver").toFile())
            .withLogFile(SCREENSHOTS.resolveSibling("chromedriver.log").toFile())
            .build();
    WebDriver browser = new ChromeDriver(service, options);
    browser.manage().window().setSize(new Dimension(1280, 1000));
    Files.createDirectories(SCREENSHOTS);
    return browser;
  }
}
