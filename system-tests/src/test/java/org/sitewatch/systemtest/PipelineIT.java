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
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Sites file → checker → Kafka → persister → PostgreSQL, asserted on the stored rows. The scenario
 * sites (src/test/resources/scenario-sites.yaml) are probed every 3 s; the slow one has a 1 s
 * timeout.
 */
class PipelineIT {

  /** How one site's rows must look: every row, not only the latest. */
  private record Expected(
      String siteId, String status, String reason, Integer httpStatus, Boolean regexMatched) {}

  private static final List<Expected> SCENARIOS =
      List.of(
          new Expected("ok-with-marker", "UP", null, 200, true),
          new Expected("ok-plain", "UP", null, 200, null),
          new Expected("marker-missing", "DOWN", "BODY_MISMATCH", 200, false),
          new Expected("server-error", "DOWN", "HTTP_STATUS", 500, null),
          new Expected("too-slow", "DOWN", "TIMEOUT", null, null),
          new Expected("redirect-loop", "DOWN", "TOO_MANY_REDIRECTS", 302, null),
          new Expected("closed-port", "DOWN", "CONNECTION_REFUSED", null, null),
          new Expected("unknown-host", "DOWN", "DNS", null, null),
          new Expected("slow-answer", "DOWN", "SLOW", 200, null),
          new Expected("post-echo", "UP", null, 200, true),
          new Expected("flaky-retried", "UP", null, 200, null),
          new Expected("redirect-not-followed", "UP", null, 302, null),
          new Expected("body-cut", "DOWN", "BODY_MISMATCH", 200, false),
          new Expected("tls-expiring", "DOWN", "TLS_EXPIRING", 200, null),
          new Expected("tls-labelled", "UP", null, 200, null),
          new Expected("tls-expired", "DOWN", "TLS", null, null));

  /**
   * Rows from each scenario site's first seconds are left out of the outcome comparison: there a
   * cold JVM on a loaded 2-core machine can honestly need more than a probe's timeout (a redirect
   * loop is six requests). From then on, every row of a site must tell the same story.
   */
  private static final String WARM =
      " and started_at > (select min(w.started_at) from check_result w"
          + " where w.site_id = check_result.site_id) + interval '15 seconds'";

  @Test
  void everyScenarioIsStoredWithItsOutcome() throws SQLException {
    await("two rows for every scenario site")
        .atMost(Duration.ofSeconds(120))
        .pollInterval(Duration.ofSeconds(1))
        .until(
            () -> {
              for (Expected s : SCENARIOS) {
                if (StoredResults.rowCount(s.siteId(), WARM) < 2) {
                  return false;
                }
              }
              return true;
            });

    for (Expected expected : SCENARIOS) {
      List<String> kinds = outcomeKinds(expected.siteId(), WARM);
      assertEquals(
          List.of(
              expected.status()
                  + "/"
                  + expected.reason()
                  + "/"
                  + expected.httpStatus()
                  + "/"
                  + expected.regexMatched()),
          kinds,
          "every row of " + expected.siteId() + " must be status/reason/http/regex as expected");
    }
  }

  @Test
  void aTimedOutProbeEndsAtItsDeadline() throws SQLException {
    await().atMost(Duration.ofSeconds(60)).until(() -> StoredResults.rowCount("too-slow") >= 1);
    try (Connection db = Stack.database();
        PreparedStatement query =
            db.prepareStatement(
                "select min(duration_us), max(duration_us) from check_result where site_id = ?")) {
      query.setString(1, "too-slow");
      try (ResultSet rs = query.executeQuery()) {
        assertTrue(rs.next());
        long min = rs.getLong(1);
        long max = rs.getLong(2);
        assertTrue(min >= 1_000_000, "a 1 s timeout cannot end before 1 s, took " + min + " us");
        assertTrue(
            max < 3_500_000, "a 1 s timeout must end well before 3.5 s, took " + max + " us");
      }
    }
  }

  @Test
  void everyProbeThatReachedTheSiteIsStoredExactlyOnce() throws SQLException {
    await()
        .atMost(Duration.ofSeconds(60))
        .until(() -> ScenarioSites.targetCheckIds("/ok").size() >= 4);
    Set<String> seenByTarget = ScenarioSites.targetCheckIds("/ok");

    await("every check the target answered on /ok is stored")
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () -> {
              Set<String> stored = StoredResults.ids("ok-with-marker", "ok-plain");
              Set<String> missing = new HashSet<>(seenByTarget);
              missing.removeAll(stored);
              assertTrue(
                  missing.isEmpty(), "checks answered by the site but not stored: " + missing);
            });

    // A stored HTTP status means the site answered that very check: it must know its id.
    Set<String> storedWithStatus = StoredResults.answeredIds("ok-with-marker", "ok-plain");
    Set<String> answeredNow = ScenarioSites.targetCheckIds("/ok");
    Set<String> invented = new HashSet<>(storedWithStatus);
    invented.removeAll(answeredNow);
    assertTrue(invented.isEmpty(), "stored answers the site never gave: " + invented);
    assertEquals(List.of(), StoredResults.duplicateIds(), "no result id may be stored twice");
  }

  @Test
  void retriedAttemptsAreCounted() throws SQLException {
    await()
        .atMost(Duration.ofSeconds(60))
        .until(() -> StoredResults.rowCount("flaky-retried", WARM) >= 2);

    assertEquals(
        List.of("2"),
        distinct("attempts::text", "flaky-retried"),
        "the flaky page fails each first attempt: every check takes two");
    assertEquals(List.of("1"), distinct("attempts::text", "ok-plain"), "one attempt when UP");
  }

  @Test
  void everyHttpsResultRecordsTheCertificatesDaysLeftAndItsLabels() throws SQLException {
    await()
        .atMost(Duration.ofSeconds(60))
        .until(() -> StoredResults.rowCount("tls-labelled", WARM) >= 2);

    // The certificate was made valid for VALID_DAYS days minutes before: whole days left, rounded
    // down, is one less (two at most, should the run straddle its creation time oddly).
    for (String site : List.of("tls-labelled", "tls-expiring")) {
      List<String> days = distinct("tls_days_left::text", site);
      assertEquals(1, days.size(), "one days-left figure for " + site + ": " + days);
      int left = Integer.parseInt(days.get(0));
      assertTrue(
          left >= TestCertificates.VALID_DAYS - 2 && left < TestCertificates.VALID_DAYS,
          site + " has " + left + " days left on a " + TestCertificates.VALID_DAYS + "-day cert");
    }
    // An expired, untrusted chain fails the handshake (TLS), its expiry still on record.
    List<String> expired = distinct("tls_days_left::text", "tls-expired");
    assertEquals(1, expired.size(), "one days-left figure for tls-expired: " + expired);
    int expiredLeft = Integer.parseInt(expired.get(0));
    assertTrue(
        expiredLeft <= -TestCertificates.EXPIRED_DAYS_AGO
            && expiredLeft >= -TestCertificates.EXPIRED_DAYS_AGO - 1,
        "expired " + TestCertificates.EXPIRED_DAYS_AGO + " days ago, days left: " + expiredLeft);
    assertEquals(
        List.of("null"), distinct("coalesce(tls_days_left::text, 'null')", "ok-plain"), "no TLS");
    assertEquals(
        List.of("system-test/web"),
        distinct("(labels->>'env') || '/' || (labels->>'team')", "tls-labelled"));
    assertEquals(List.of("{}"), distinct("labels::text", "ok-plain"), "no labels set");

    String api = Stack.get(Stack.persister("/api/sites/tls-labelled/results?limit=1")).body();
    assertTrue(
        api.contains("\"labels\":{\"env\":\"system-test\",\"team\":\"web\"}")
            && api.contains("\"attempts\":1")
            && api.contains("\"tlsDaysLeft\":")
            && api.contains("\"startLagMs\":"),
        "the history API shows the new fields: " + api);
  }

  @Test
  void everyScheduledProbeRecordsWhenItWasDue() throws SQLException {
    await()
        .atMost(Duration.ofSeconds(60))
        .until(() -> StoredResults.rowCount("ok-plain", WARM) >= 3);

    try (Connection db = Stack.database();
        PreparedStatement query =
            db.prepareStatement(
                "select count(*), count(scheduled_at), count(*) filter (where scheduled_at <"
                    + " started_at), max(extract(epoch from started_at - scheduled_at))"
                    + " from check_result where site_id = 'ok-plain'");
        ResultSet rs = query.executeQuery()) {
      assertTrue(rs.next());
      int rows = rs.getInt(1);
      assertTrue(rows >= 3, "rows of ok-plain: " + rows);
      assertEquals(rows, rs.getInt(2), "every timer probe says when it was due");
      assertTrue(rs.getInt(3) > 0, "a timer fires after its due time, so some lag is seen");
      double maxLagSeconds = rs.getDouble(4);
      assertTrue(maxLagSeconds < 10, "a start lag of " + maxLagSeconds + " s on an idle checker");
    }
  }

  @Test
  void theHeaderSecretIsSentButNeverStored() throws SQLException {
    await()
        .atMost(Duration.ofSeconds(60))
        .until(() -> StoredResults.rowCount("post-echo", WARM) >= 2);
    String token = System.getProperty("st.test.token");
    assertTrue(token != null && !token.isBlank(), "the build passes st.test.token");

    // UP with the regex matched: the target saw POST, the body, its type and the right token.
    assertEquals(List.of("UP/true"), distinct("status || '/' || regex_matched", "post-echo"));
    try (Connection db = Stack.database();
        PreparedStatement query =
            db.prepareStatement(
                "select count(*) from check_result where strpos(coalesce(message, ''), ?) > 0"
                    + " or strpos(labels::text, ?) > 0")) {
      query.setString(1, token);
      query.setString(2, token);
      try (ResultSet rs = query.executeQuery()) {
        assertTrue(rs.next());
        assertEquals(0, rs.getInt(1), "no stored result carries the header secret");
      }
    }
  }

  /** The distinct values of an expression over a site's rows after warm-up. */
  private static List<String> distinct(String expression, String siteId) throws SQLException {
    try (Connection db = Stack.database();
        PreparedStatement query =
            db.prepareStatement(
                "select distinct "
                    + expression
                    + " from check_result where site_id = ?"
                    + WARM
                    + " order by 1")) {
      query.setString(1, siteId);
      List<String> values = new ArrayList<>();
      try (ResultSet rs = query.executeQuery()) {
        while (rs.next()) {
          values.add(String.valueOf(rs.getString(1)));
        }
      }
      assertFalse(values.isEmpty(), "no rows for " + siteId);
      return values;
    }
  }

  private static List<String> outcomeKinds(String siteId, String andWhere) throws SQLException {
    try (Connection db = Stack.database();
        PreparedStatement query =
            db.prepareStatement(
                "select distinct status, reason, http_status, regex_matched"
                    + " from check_result where site_id = ?"
                    + andWhere)) {
      query.setString(1, siteId);
      List<String> kinds = new ArrayList<>();
      try (ResultSet rs = query.executeQuery()) {
        while (rs.next()) {
          Integer http = rs.getObject(3) == null ? null : rs.getInt(3);
          Boolean regex = rs.getObject(4) == null ? null : rs.getBoolean(4);
          kinds.add(rs.getString(1) + "/" + rs.getString(2) + "/" + http + "/" + regex);
        }
      }
      assertFalse(kinds.isEmpty(), "no rows for " + siteId);
      return kinds;
    }
  }
}
