package org.sitewatch.systemtest;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Redirects as browsers and curl follow them, and a body regex that cannot finish, asserted on the
 * stored rows of the redirect-* and regex-* scenario sites
 * (src/test/resources/scenario-sites.yaml). ScenarioTarget's /redirect/landing answers the method,
 * the body and whether Authorization reached it, and each site's regex says what must have.
 */
class RedirectRulesIT {

  /** A stored result, as far as these tests look at it. */
  private record Row(
      String status,
      String reason,
      Integer httpStatus,
      Boolean regexMatched,
      String message,
      long durationMicros,
      double startLagSeconds,
      Integer tlsDaysLeft) {

    String kind() {
      return status + "/" + reason + "/" + httpStatus + "/" + regexMatched;
    }
  }

  /** Every site here is UP with its landing regex matched, but where it says otherwise. */
  private static final Map<String, String> EXPECTED_KINDS =
      Map.of(
          "redirect-see-other-post", "UP/null/200/true",
          "redirect-found-post", "UP/null/200/true",
          "redirect-temporary-post", "UP/null/200/true",
          "redirect-permanent-put", "UP/null/200/true",
          "redirect-found-put", "UP/null/200/true",
          "redirect-other-origin", "UP/null/200/true",
          "redirect-spaced-location", "UP/null/200/true",
          "redirect-insecure", "DOWN/TLS/302/null",
          "redirect-insecure-allowed", "UP/null/200/true");

  @Test
  void everyRedirectLeadsWhereBrowsersAndCurlGo() throws SQLException {
    await("two warm rows for every redirect site")
        .atMost(Duration.ofSeconds(120))
        .pollInterval(Duration.ofSeconds(1))
        .until(() -> EXPECTED_KINDS.keySet().stream().allMatch(id -> warmRows(id).size() >= 2));

    for (Map.Entry<String, String> site : EXPECTED_KINDS.entrySet()) {
      List<Row> rows = warmRows(site.getKey());
      assertTrue(rows.size() >= 2, "rows of " + site.getKey() + ": " + rows);
      for (Row row : rows) {
        assertEquals(
            site.getValue(),
            row.kind(),
            "every row of " + site.getKey() + " is status/reason/http/regex as expected: " + row);
      }
    }
  }

  @Test
  void aRedirectFromHttpsToHttpIsDownNamingTheHttpUrlWithTheSitesCertificateRead() {
    await().atMost(Duration.ofSeconds(120)).until(() -> warmRows("redirect-insecure").size() >= 1);
    String landing =
        "http://127.0.0.1:" + System.getProperty("st.target.port") + "/redirect/landing";
    for (Row row : warmRows("redirect-insecure")) {
      assertTrue(
          row.message().contains(landing),
          "the message names the plain HTTP URL " + landing + ": " + row.message());
      assertTrue(
          row.tlsDaysLeft() != null && row.tlsDaysLeft() >= 0,
          "the https answer's own connection gave its certificate's days left: " + row);
    }
  }

  @Test
  void aCatastrophicRegexEndsAtTheTimeoutWhileHealthySitesStayOnTime() {
    // This test's own time only: other tests hand the sites from checker to checker, and a probe
    // that a hand-over made late is late by design, not because of the searches.
    String since = Instant.now().toString();
    await("three results of the catastrophic regex")
        .atMost(Duration.ofSeconds(120))
        .pollInterval(Duration.ofSeconds(1))
        .until(() -> warmRows("regex-catastrophic", since).size() >= 3);

    List<Row> searches = warmRows("regex-catastrophic", since);
    assertTrue(searches.size() >= 3, "rows of regex-catastrophic: " + searches);
    boolean saidSo = false;
    for (Row row : searches) {
      assertEquals("DOWN/TIMEOUT/null/null", row.kind(), "a search past the timeout: " + row);
      assertTrue(
          row.durationMicros() >= 2_000_000 && row.durationMicros() < 4_000_000,
          "a 2 s timeout ends the search at about 2 s: " + row);
      saidSo |= row.message().equals("the body regex did not finish within the 2s timeout");
    }
    assertTrue(saidSo, "some row says the regex ran out of time: " + searches);

    // The healthy sites probed meanwhile: the searches neither failed nor delayed them.
    List<Row> healthy = rowsDuringRegexSearches(since, "ok-plain", "ok-with-marker");
    assertFalse(healthy.isEmpty(), "the healthy sites were probed during the searches");
    for (Row row : healthy) {
      assertEquals("UP", row.status(), "a healthy site stays UP: " + row);
      assertTrue(row.startLagSeconds() < 2, "a healthy probe starts on time: " + row);
      assertTrue(row.durationMicros() < 2_000_000, "a healthy probe answers quickly: " + row);
    }
  }

  private static final String COLUMNS =
      "select status, reason, http_status, regex_matched, message, duration_us,"
          + " coalesce(extract(epoch from started_at - scheduled_at), 0), tls_days_left"
          + " from check_result";

  /**
   * A site's rows but those of its first 15 seconds, when a cold checker on a loaded machine can
   * honestly miss a timeout.
   */
  private static List<Row> warmRows(String siteId) {
    return warmRows(siteId, "-infinity");
  }

  /** A site's warm rows started after {@code since} (an ISO instant). */
  private static List<Row> warmRows(String siteId, String since) {
    return rows(COLUMNS + " where site_id = ? and started_at > " + WARM, siteId, since, siteId);
  }

  /** After {@code since} and the 15 seconds after a site's first probe; bound to both, in order. */
  private static final String WARM =
      "greatest(?::timestamptz, (select min(started_at) from check_result where site_id = ?)"
          + " + interval '15 seconds')";

  /** Rows of the given sites started between the first and the last warm regex search since. */
  private static List<Row> rowsDuringRegexSearches(String since, String... siteIds) {
    String searches =
        "(select started_at from check_result where site_id = 'regex-catastrophic' and started_at"
            + " > "
            + WARM
            + ")";
    List<Row> rows = new ArrayList<>();
    for (String siteId : siteIds) {
      rows.addAll(
          rows(
              COLUMNS
                  + " where site_id = ? and started_at between (select min(started_at) from "
                  + searches
                  + " s) and (select max(started_at) from "
                  + searches
                  + " s)",
              siteId,
              since,
              "regex-catastrophic",
              since,
              "regex-catastrophic"));
    }
    return rows;
  }

  private static List<Row> rows(String sql, String... parameters) {
    try (Connection db = Stack.database();
        PreparedStatement query = db.prepareStatement(sql)) {
      for (int i = 0; i < parameters.length; i++) {
        query.setString(i + 1, parameters[i]);
      }
      List<Row> rows = new ArrayList<>();
      try (ResultSet rs = query.executeQuery()) {
        while (rs.next()) {
          rows.add(
              new Row(
                  rs.getString(1),
                  rs.getString(2),
                  rs.getObject(3) == null ? null : rs.getInt(3),
                  rs.getObject(4) == null ? null : rs.getBoolean(4),
                  rs.getString(5),
                  rs.getLong(6),
                  rs.getDouble(7),
                  rs.getObject(8) == null ? null : rs.getInt(8)));
        }
      }
      return rows;
    } catch (SQLException e) {
      throw new IllegalStateException("cannot read check_result: " + e.getMessage(), e);
    }
  }
}
