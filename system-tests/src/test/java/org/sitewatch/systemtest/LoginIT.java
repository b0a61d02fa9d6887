package org.sitewatch.systemtest;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The optional login (sitewatch/login.xml) on the second persister, which is otherwise the
 * persister: the page, the API and the badges ask for it, health and metrics do not, and the badges
 * can be made public on their own. Every other test reads the persister without a login, the
 * default.
 */
class LoginIT {

  private static final String USER = "viewer";
  private static final String PASSWORD = "login-it-Secret-7";
  private static final List<String> PROTECTED =
      List.of("/status/", "/status/list.js", "/api/sites", "/api/summary", "/");

  private static ExtraPersister persister;

  @BeforeAll
  static void startWithTheLogin() throws Exception {
    persister = ExtraPersister.start("login-it", config("ALL_AUTHENTICATED_USERS"));
  }

  @AfterAll
  static void stop() throws Exception {
    persister.close();
  }

  @Test
  void thePageTheApiAndTheBadgesAskForTheLoginHealthAndMetricsDoNot() throws Exception {
    String site = aSiteId();
    for (String path : withBadge(site)) {
      HttpResponse<String> anonymous = get(path, null);
      assertEquals(401, anonymous.statusCode(), path);
      assertEquals(
          "Basic realm=\"Sitewatch\"",
          anonymous.headers().firstValue("WWW-Authenticate").orElse(null),
          path);
      assertEquals(401, get(path, USER + ":wrong-password").statusCode(), path);
      assertEquals(200, get(path, USER + ":" + PASSWORD).statusCode(), path);
    }
    assertEquals(200, get("/health/ready", null).statusCode());
    HttpResponse<String> metrics = get("/metrics", null);
    assertEquals(200, metrics.statusCode());
    assertTrue(metrics.body().contains("sitewatch_"), "the persister's metrics are there");
  }

  @Test
  void theBadgesCanBePublicWhileTheRestIsNot() throws Exception {
    String badge = "/badge/" + aSiteId() + "/status.svg";
    try {
      persister.reconfigure(config("EVERYONE"));
      await("the badges open once the configuration is read again")
          .atMost(Duration.ofSeconds(60))
          .pollInterval(Duration.ofMillis(500))
          .until(() -> get(badge, null).statusCode() == 200);
      for (String path : PROTECTED) {
        assertEquals(401, get(path, null).statusCode(), path);
      }
    } finally {
      persister.reconfigure(config("ALL_AUTHENTICATED_USERS"));
      await("the badges closed again")
          .atMost(Duration.ofSeconds(60))
          .pollInterval(Duration.ofMillis(500))
          .until(() -> get(badge, null).statusCode() == 401);
    }
  }

  private static List<String> withBadge(String site) {
    return Stream.concat(PROTECTED.stream(), Stream.of("/badge/" + site + "/status.svg")).toList();
  }

  /** A site of the scenario, read from the persister without a login. */
  private static String aSiteId() {
    return Stack.firstSiteId(Stack.get(Stack.persister("/api/sites?limit=1")).body());
  }

  private static String config(String badges) {
    return """
        <server>
            <include location="${server.config.dir}/sitewatch/login.xml"/>
            <variable name="sitewatch.login.user" value="%s"/>
            <variable name="sitewatch.login.password" value="%s"/>
            <variable name="sitewatch.login.badges" value="%s"/>
        </server>
        """
        .formatted(USER, PASSWORD, badges);
  }

  private static HttpResponse<String> get(String path, String credentials) {
    return Stack.get(ExtraPersister.uri(path), credentials);
  }
}
