package org.sitewatch.systemtest;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.sitewatch.common.catalog.AlertPolicy;
import org.sitewatch.common.catalog.SiteDefinition;
import org.sitewatch.common.catalog.SiteDefinitionCodec;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Two checkers of one location share the scenario sites through their Kafka group: each site is
 * probed by exactly one of them; a SIGKILLed checker's sites are taken over within interval + 30 s;
 * a cleanly stopped one's within interval + 2 s, no due probe left out and none made twice; both
 * probe their own sites on through a Kafka outage, and settle without probing a site twice after;
 * and a sites file that differs from another checker's shows on readiness.
 */
class CheckerGroupIT {

  /** The scenario's interval (all sites but the catastrophic-regex one, at 10 s). */
  private static final Duration INTERVAL = Duration.ofSeconds(3);

  private static final String SLOW_SITE = "regex-catastrophic";
  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final URI second =
      URI.create("http://localhost:" + System.getProperty("st.checker2.http.port"));

  /** The second checker's id, as its readiness names it. */
  private String secondId;

  @AfterEach
  void stopTheSecondChecker() {
    if (Stack.status(second.resolve("/health/live")) != -1) {
      Stack.control("/servers/checker2/stop");
    }
    // The next test finds the stack checker probing every site again.
    await()
        .atMost(Duration.ofSeconds(60))
        .until(() -> ownedSites(Stack.checker("/health/ready")) == ScenarioSites.ids().size());
  }

  @Test
  void aKilledCheckersSitesAreTakenOverWithinTheIntervalPlusThirtySeconds() throws Exception {
    Map<String, String> owners = startSecondCheckerAndSplit();

    Instant killed = Instant.now();
    Stack.control("/servers/checker2/kill");
    Set<String> moved = sitesOf(owners, secondId);
    assertFalse(moved.isEmpty(), "the second checker owned sites: " + owners);

    await()
        .atMost(Duration.ofSeconds(90))
        .until(() -> probedSince(killed.plusSeconds(1), stackCheckerId()).containsAll(moved));
    Duration gap = longestGap(moved, killed.minus(Duration.ofSeconds(30)), Instant.now());
    System.out.printf(
        "CheckerGroupIT: SIGKILL: %d sites moved, longest gap %d ms%n",
        moved.size(), gap.toMillis());
    assertTrue(
        gap.compareTo(INTERVAL.plusSeconds(30)) <= 0,
        "a killed checker's sites were probed again within interval + 30 s; the longest gap was "
            + gap.toMillis()
            + " ms");
  }

  @Test
  void aStoppedCheckersSitesAreTakenOverWithinOneIntervalAndNoneIsProbedTwice() throws Exception {
    Map<String, String> owners = startSecondCheckerAndSplit();
    Set<String> moved = sitesOf(owners, secondId);
    assertFalse(moved.isEmpty(), "the second checker owned sites: " + owners);

    Instant from = Instant.now();
    Stack.control("/servers/checker2/stop");
    Instant stopped = Instant.now();
    await()
        .atMost(Duration.ofSeconds(60))
        .until(() -> probedSince(stopped.plusSeconds(1), stackCheckerId()).containsAll(moved));
    Thread.sleep(INTERVAL.multipliedBy(2).toMillis()); // a couple of probes after the hand-over
    Instant to = Instant.now().minusSeconds(1);

    Duration gap = longestGap(moved, from, to);
    Duration closest = closestDueTimes(moved, from, to);
    System.out.printf(
        "CheckerGroupIT: clean stop: %d sites moved, longest gap %d ms, closest due times %d ms%n",
        moved.size(), gap.toMillis(), closest.toMillis());
    assertTrue(
        gap.compareTo(INTERVAL.plusSeconds(2)) <= 0,
        "a stopped checker's sites were probed again within one interval + 2 s; the longest gap"
            + " was "
            + gap.toMillis()
            + " ms");
    assertTrue(
        closest.compareTo(INTERVAL.dividedBy(2)) >= 0,
        "no site was probed twice for one due time around the hand-over; the closest two due"
            + " times were "
            + closest.toMillis()
            + " ms apart");
  }

  @Test
  void bothCheckersKeepProbingTheirSitesThroughAKafkaOutageAndNoneIsProbedByBothAfter()
      throws Exception {
    startSecondCheckerAndSplit();
    Instant down = Instant.now();
    Stack.control("/kafka/stop");
    try {
      Stack.awaitStatus(Stack.checker("/health/ready"), 503, Duration.ofSeconds(30));
      Thread.sleep(OUTAGE.toMillis()); // the outage itself
    } finally {
      Stack.control("/kafka/start");
    }
    Instant up = Instant.now();
    Stack.awaitStatus(Stack.checker("/health/ready"), 200, Duration.ofSeconds(90));
    Stack.awaitStatus(second.resolve("/health/ready"), 200, Duration.ofSeconds(90));
    // Results made during the outage reach the database once both are back.
    await()
        .atMost(Duration.ofSeconds(120))
        .until(() -> probers(up, up.plusSeconds(60)).keySet().containsAll(everyThreeSeconds()));

    Duration gap = longestGap(everyThreeSeconds(), down.minus(INTERVAL), up);
    Duration closest = closestDueTimes(everyThreeSeconds(), down.minus(INTERVAL), up);
    System.out.printf(
        "CheckerGroupIT: Kafka down %d s: longest gap %d ms, closest due times %d ms%n",
        Duration.between(down, up).toSeconds(), gap.toMillis(), closest.toMillis());
    assertTrue(
        gap.compareTo(INTERVAL.plusSeconds(2)) <= 0,
        "every site was probed on through the outage; the longest gap was "
            + gap.toMillis()
            + " ms");
    assertTrue(
        closest.compareTo(INTERVAL.dividedBy(2)) >= 0,
        "no due probe was made twice through the outage; the closest two due times were "
            + closest.toMillis()
            + " ms apart");

    await("the group settled after the outage: both checkers own their shares again")
        .atMost(Duration.ofSeconds(60))
        .until(
            () ->
                ownedSites(Stack.checker("/health/ready"))
                        + ownedSites(second.resolve("/health/ready"))
                    == ScenarioSites.ids().size());
    Instant settled = Instant.now().plus(INTERVAL);
    Thread.sleep(INTERVAL.multipliedBy(4).toMillis()); // three probes of each site, settled
    Instant to = Instant.now().minus(INTERVAL);
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> probers(settled, to).keySet().containsAll(everyThreeSeconds()));
    probers(settled, to)
        .forEach(
            (site, checkers) ->
                assertEquals(
                    1, checkers.size(), site + " was probed by one checker after: " + checkers));
  }

  /** Longer than the session timeout, so the broker's view of the group could expire. */
  private static final Duration OUTAGE = Duration.ofSeconds(60);

  @Test
  void aSitesFileThatDiffersFromAnotherCheckersShowsOnReadiness() throws Exception {
    // Named first of all: readiness names the first few differing sites, and the alert tests'
    // catalogue entries, which no checker's file has, differ too.
    String site = "a-foreign-site";
    SiteDefinition definition =
        new SiteDefinition(
            site,
            site,
            "https://foreign.example/",
            Map.of(),
            Duration.ofSeconds(30),
            AlertPolicy.DEFAULT,
            List.of());

    Topics.send(fromOtherChecker(site, SiteDefinitionCodec.encode(definition)));
    await("readiness names the site only the other checker's file has")
        .atMost(Duration.ofSeconds(30))
        .until(() -> sitesFileDiffers().contains(site + " (only in " + OTHER_CHECKER + "'s file)"));

    Topics.send(fromOtherChecker(site, null));
    await("readiness no longer names it once the other checker retired it")
        .atMost(Duration.ofSeconds(30))
        .until(() -> !sitesFileDiffers().contains(site));
  }

  private static final String OTHER_CHECKER = "group-it-other-checker";

  private static ProducerRecord<String, byte[]> fromOtherChecker(String site, byte[] definition) {
    return new ProducerRecord<>(
        AlertFeed.CATALOGUE,
        null,
        site,
        definition,
        List.of(
            new RecordHeader("sitewatch-checker", OTHER_CHECKER.getBytes(StandardCharsets.UTF_8))));
  }

  private static String sitesFileDiffers() {
    JsonNode data = schedulerCheck(Stack.checker("/health/ready")).get("data");
    return data.has("sitesFileDiffers") ? data.get("sitesFileDiffers").asString() : "";
  }

  /**
   * Starts the second checker and waits until the two split the sites; asserts that each site was
   * then probed by exactly one of them, and returns which.
   */
  private Map<String, String> startSecondCheckerAndSplit() throws Exception {
    Stack.control("/servers/checker2/start");
    Stack.awaitStatus(second.resolve("/health/ready"), 200, Duration.ofSeconds(180));
    secondId = checkerId(second.resolve("/health/ready"));
    int sites = ScenarioSites.ids().size();
    await()
        .atMost(Duration.ofSeconds(60))
        .until(
            () -> {
              int first = ownedSites(Stack.checker("/health/ready"));
              int other = ownedSites(second.resolve("/health/ready"));
              return first > 0 && other > 0 && first + other == sites;
            });
    Instant from = Instant.now().plus(INTERVAL);
    Thread.sleep(INTERVAL.multipliedBy(4).toMillis()); // three probes of each site, split
    Instant to = Instant.now().minus(INTERVAL);
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> probers(from, to).keySet().containsAll(everyThreeSeconds()));

    Map<String, Set<String>> probers = probers(from, to);
    Map<String, String> owners = new HashMap<>();
    for (String site : everyThreeSeconds()) {
      Set<String> checkers = probers.get(site);
      assertEquals(1, checkers.size(), site + " was probed by exactly one checker: " + checkers);
      owners.put(site, checkers.iterator().next());
    }
    assertEquals(
        Set.of(stackCheckerId(), secondId),
        new HashSet<>(owners.values()),
        "both checkers probe a share");
    return owners;
  }

  private static int ownedSites(URI readiness) {
    JsonNode scheduler = schedulerCheck(readiness);
    return scheduler == null || !scheduler.has("data")
        ? -1
        : scheduler.get("data").get("ownedSites").asInt();
  }

  private static String checkerId(URI readiness) {
    return schedulerCheck(readiness).get("data").get("checker").asString();
  }

  /** The scheduler check of a checker's readiness, 200 or 503; null when it does not answer. */
  private static JsonNode schedulerCheck(URI readiness) {
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

  private static String stackCheckerId() {
    return checkerId(Stack.checker("/health/ready"));
  }

  /** The scenario sites probed every {@link #INTERVAL}. */
  private static Set<String> everyThreeSeconds() {
    Set<String> sites = new HashSet<>(ScenarioSites.ids());
    sites.remove(SLOW_SITE);
    return sites;
  }

  private static Set<String> sitesOf(Map<String, String> owners, String checker) {
    Set<String> sites = new HashSet<>();
    owners.forEach(
        (site, owner) -> {
          if (owner.equals(checker)) {
            sites.add(site);
          }
        });
    return sites;
  }

  /** Which checkers probed each site, by the results started in [from, to]. */
  private static Map<String, Set<String>> probers(Instant from, Instant to) throws SQLException {
    Map<String, Set<String>> probers = new HashMap<>();
    for (Probe probe : probes(ScenarioSites.ids(), from, to)) {
      probers.computeIfAbsent(probe.site(), s -> new HashSet<>()).add(probe.checker());
    }
    return probers;
  }

  private static Set<String> probedSince(Instant since, String checker) throws SQLException {
    Set<String> sites = new HashSet<>();
    for (Probe probe : probes(ScenarioSites.ids(), since, Instant.now().plusSeconds(60))) {
      if (probe.checker().equals(checker)) {
        sites.add(probe.site());
      }
    }
    return sites;
  }

  /** The longest time between the starts of two consecutive probes of a site, whoever made them. */
  private static Duration longestGap(Set<String> sites, Instant from, Instant to)
      throws SQLException {
    return consecutive(sites, from, to, Probe::startedAt).stream()
        .max(Duration::compareTo)
        .orElseThrow();
  }

  /** The shortest time between the due times of two probes of a site, whoever made them. */
  private static Duration closestDueTimes(Set<String> sites, Instant from, Instant to)
      throws SQLException {
    return consecutive(sites, from, to, Probe::scheduledAt).stream()
        .min(Duration::compareTo)
        .orElseThrow();
  }

  private static List<Duration> consecutive(
      Set<String> sites, Instant from, Instant to, Function<Probe, Instant> time)
      throws SQLException {
    Map<String, Instant> last = new HashMap<>();
    List<Duration> gaps = new ArrayList<>();
    List<Probe> probes = new ArrayList<>(probes(sites, from, to));
    probes.sort(Comparator.comparing(Probe::site).thenComparing(time));
    for (Probe probe : probes) {
      Instant before = last.put(probe.site(), time.apply(probe));
      if (before != null) {
        gaps.add(Duration.between(before, time.apply(probe)));
      }
    }
    assertFalse(gaps.isEmpty(), "probes of " + sites + " between " + from + " and " + to);
    return gaps;
  }

  private record Probe(String site, String checker, Instant startedAt, Instant scheduledAt) {}

  /** Stored results of the sites started in [from, to], by site and start. */
  private static List<Probe> probes(Set<String> sites, Instant from, Instant to)
      throws SQLException {
    try (Connection db = Stack.database();
        PreparedStatement select =
            db.prepareStatement(
                "SELECT site_id, checker, started_at, scheduled_at FROM check_result"
                    + " WHERE site_id = ANY(?)"
                    + " AND started_at BETWEEN ? AND ? ORDER BY site_id, started_at")) {
      select.setArray(1, db.createArrayOf("text", sites.toArray()));
      select.setTimestamp(2, Timestamp.from(from));
      select.setTimestamp(3, Timestamp.from(to));
      List<Probe> probes = new ArrayList<>();
      try (ResultSet rows = select.executeQuery()) {
        while (rows.next()) {
          String checker = rows.getString(2);
          assertTrue(checker != null, "every result names its checker");
          probes.add(
              new Probe(
                  rows.getString(1),
                  checker,
                  rows.getTimestamp(3).toInstant(),
                  rows.getTimestamp(4).toInstant()));
        }
      }
      return probes;
    }
  }
}
