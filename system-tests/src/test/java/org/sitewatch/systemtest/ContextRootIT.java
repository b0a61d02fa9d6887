package org.sitewatch.systemtest;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;

/**
 * The persister under a context root of its own, as on a server it shares: the API with its
 * next-page links and the badges answer below it, nothing is left at the server's root, and in
 * Chromium the page finds its scripts, chart library and data there.
 */
class ContextRootIT {

  private static final String ROOT = "/sitewatch";

  @Test
  void thePageTheApiAndTheBadgesFollowTheContextRoot() throws Exception {
    try (ExtraPersister persister =
        ExtraPersister.start(
            "context-root-it",
            """
            <server>
                <webApplication id="persister-war" location="persister-war.war"
                                contextRoot="%s"/>
            </server>
            """
                .formatted(ROOT))) {
      Stack.awaitStatus(ExtraPersister.uri(ROOT + "/api/summary"), 200, Duration.ofSeconds(60));
      assertEquals(404, get("/api/summary").statusCode(), "nothing left at the server's root");

      HttpResponse<String> sites = get(ROOT + "/api/sites?limit=1");
      assertEquals(200, sites.statusCode());
      String next = sites.headers().firstValue("Link").orElse("");
      assertTrue(next.contains(ROOT + "/api/sites?"), "the next page is under the root: " + next);
      String siteId = Stack.firstSiteId(sites.body());

      HttpResponse<String> badge = get(ROOT + "/badge/" + siteId + "/status.svg");
      assertEquals(200, badge.statusCode());
      assertTrue(badge.body().startsWith("<svg"), badge.body());

      theBrowserFindsItsWay(siteId);
    }
  }

  /** From the root, to the list drawn from the API, to a site's page with its chart drawn. */
  private static void theBrowserFindsItsWay(String siteId) throws Exception {
    WebDriver browser = Browser.start();
    try {
      browser.get(ExtraPersister.uri(ROOT).toString());
      await("the root leads to the list, drawn from the API")
          .atMost(Duration.ofSeconds(30))
          .until(
              () ->
                  browser.getCurrentUrl().endsWith(ROOT + "/status/")
                      && !browser.findElements(By.cssSelector("#sites > li.site")).isEmpty());
      assertFalse(browser.findElement(By.id("error")).isDisplayed(), "no error shown");

      browser.get(ExtraPersister.uri(ROOT + "/status/site.html?id=" + siteId).toString());
      await("the site's chart drawn from the API, with the chart library")
          .atMost(Duration.ofSeconds(30))
          .until(
              () -> {
                String points = browser.findElement(By.id("chart")).getAttribute("data-points");
                return points != null
                    && !browser.findElements(By.cssSelector("#chart canvas")).isEmpty();
              });
    } finally {
      browser.quit();
    }
  }

  private static HttpResponse<String> get(String path) {
    return Stack.get(ExtraPersister.uri(path));
  }
}
