package org.sitewatch.systemtest;

import java.net.URI;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The scheduler check of a checker's readiness: whom it is, how many sites it owns. */
final class CheckerReadiness {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private CheckerReadiness() {}

  /** The readiness of the stack's on-demand checker {@code checker<number>}. */
  static URI ofChecker(int number) {
    return URI.create(
            "http://localhost:" + System.getProperty("st.checker" + number + ".http.port"))
        .resolve("/health/ready");
  }

  /** Its sites, or -1 while it does not answer or has joined no group yet. */
  static int ownedSites(URI readiness) {
    JsonNode scheduler = scheduler(readiness);
    return scheduler == null || !scheduler.has("data")
        ? -1
        : scheduler.get("data").get("ownedSites").asInt();
  }

  static String checkerId(URI readiness) {
    return scheduler(readiness).get("data").get("checker").asString();
  }

  /** The scheduler check, 200 or 503; null when the checker does not answer. */
  static JsonNode scheduler(URI readiness) {
    String body;
    try {
      body = Stack.get(readiness).body();
    } catch (RuntimeException e) {
      return null;
    }
    for (JsonNode check : JSON.readTree(body).get("checks")) {
      if (check.get("name").asString().equals("scheduler")) {
        return check;
      }
    }
    return null;
  }
}
