package org.sitewatch.systemtest;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
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
import java.util.UUID;
import java.util.function.Function;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.sitewatch.common.catalog.AlertPolicy;
import org.sitewatch.common.catalog.SiteDefinition;
import org.sitewatch.common.catalog.SiteDefinitionCodec;
import tools.jackson.databind.JsonNode;

/**
 * The stack's checker and a second one share the scenario sites through their Kafka group: each
 * site is probed by exactly one of them; through a Kafka outage longer than the producer's delivery
 * timeout neither is ready, both probe their own sites on and lose nothing, and they settle without
 * probing a site twice after; two locations each probe every site; and a sites file that differs
 * from another checker's shows on readiness. (Hand-overs at scale: {@link CheckerFailoverIT}.)
 */
class CheckerGroupIT {

  /** The scenario's interval (all sites but the catastrophic-regex one, at 10 s). */
  private static final Duration INTERVAL = Duration.ofSeconds(3);

  private static final String SLOW_SITE = "regex-catastrophic";

  private static final URI SECOND = CheckerReadiness.ofChecker(2);

  /** The second checker's id, as its readiness names it. */
  private static String secondId;

  /** One start of the second checker serves every test: a Liberty start is the slow part. */
  @BeforeAll
  static void startTheSecondChecker() {
    Stack.control("/servers/checker2/start");
    Stack.awaitStatus(SECOND, 200, Duration.ofSeconds(180));
    secondId = CheckerReadiness.checkerId(SECOND);
  }

  @AfterEach
  void stopTheSecondLocation() {
    for (int n = 3; n <= 4; n++) {
      if (Stack.status(CheckerReadiness.ofChecker(n)) != -1) {
        Stack.control("/servers/checker" + n + "/stop");
      }
    }
  }

  @AfterAll
  static void stopTheSecondChecker() {
    if (Stack.status(SECOND) != -1) {
      Stack.control("/servers/checker2/stop");
    }
    // The next test finds the stack checker probing every site again.
    await()
        .atMost(Duration.ofSeconds(60))
        .until(
            () ->
                CheckerReadiness.ownedSites(Stack.checker("/health/ready"))
                    == ScenarioSites.ids().size());
  }

  /**
   * Longer than the Kafka producer's default delivery timeout (2 minutes), after which results
   * waiting for the broker used to expire and be lost; and longer than the group's session timeout,
   * after which the broker could have dropped a member.
   */
  private static final Duration LONG_OUTAGE = Duration.ofSeconds(130);

  /**
   * Readiness means "can do its job now": while Kafka is away neither server is ready and both are
   * still alive, so an orchestrator would stop routing work but not restart. Both checkers probe
   * their own sites on through it; every result made during it is stored after, and the group
   * settles without probing a site twice.
   */
  @Test
  void throughALongKafkaOutageNoServerIsReadyBothCheckersProbeOnAndNoResultIsLost()
      throws Exception {
    assertTheCheckersSplitTheSites();
    URI checker = Stack.checker("/health/ready");
    URI persister = Stack.persister("/health/ready");
    Instant down = Instant.now();
    Stack.control("/kafka/stop");
    Set<String> answeredDuringOutage;
    try {
      for (URI server : List.of(checker, SECOND, persister)) {
        Stack.awaitStatus(server, 503, NOTICE);
      }
      String body = Stack.get(checker).body();
      assertTrue(
          body.contains("\"name\":\"kafka\",\"status\":\"DOWN\""),
          "the checker names Kafka as the reason: " + body);
      for (URI server : List.of(checker, SECOND, persister)) {
        assertEquals(200, Stack.status(server.resolve("/health/live")), server + " still alive");
      }
      Set<String> before = ScenarioSites.targetCheckIds("/ok");
      Set<String> answered = new HashSet<>();
      await("a result the checker holds for Kafka is older than the delivery timeout")
          .atMost(LONG_OUTAGE.plusSeconds(30))
          .pollInterval(Duration.ofSeconds(1))
          .until(
              () -> {
                answered.addAll(ScenarioSites.targetCheckIds("/ok"));
                answered.removeAll(before);
                Instant longAgo = Instant.now().minus(LONG_OUTAGE);
                return answered.stream().map(CheckerGroupIT::createdAt).anyMatch(longAgo::isAfter)
                    && Stack.metric(Stack.checker("/metrics"), "sitewatch_results_pending") > 0;
              });
      answeredDuringOutage = answered;
      assertTrue(
          answeredDuringOutage.size() >= 10, "probes went on: " + answeredDuringOutage.size());
    } finally {
      Stack.control("/kafka/start");
    }
    Instant up = Instant.now();
    for (URI server : List.of(checker, SECOND, persister)) {
      Stack.awaitStatus(server, 200, Duration.ofSeconds(90));
    }
    await("every result of the outage is delivered and stored")
        .atMost(Duration.ofSeconds(120))
        .untilAsserted(
            () -> {
              Set<String> missing = new HashSet<>(answeredDuringOutage);
              missing.removeAll(StoredResults.ids("ok-with-marker", "ok-plain"));
              assertEquals(Set.of(), missing, "results of the outage not stored");
              assertTrue(
                  probers(up, up.plusSeconds(60)).keySet().containsAll(everyThreeSeconds()),
                  "every site's results since the outage are stored");
            });
    for (URI server : List.of(checker, SECOND)) {
      assertEquals(
          0,
          Stack.metric(server.resolve("/metrics"), "sitewatch_results_dropped"),
          "nothing dropped (sitewatch_results_dropped on " + server.resolve("/metrics") + ")");
    }

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
                CheckerReadiness.ownedSites(checker) + CheckerReadiness.ownedSites(SECOND)
                    == ScenarioSites.ids().size());
    Instant settled = Instant.now().plus(INTERVAL);
    Instant to = settled.plus(INTERVAL.multipliedBy(2));
    awaitProbedPast(to, 1);
    Map<String, Set<String>> after = probers(settled, to);
    assertTrue(after.keySet().containsAll(everyThreeSeconds()), "every site probed: " + after);
    after.forEach(
        (site, checkers) ->
            assertEquals(
                1, checkers.size(), site + " was probed by one checker after: " + checkers));
  }

  private static final Duration NOTICE = Duration.ofSeconds(30);

  /** When a result id (a UUIDv7, the probe's Sitewatch-Check-Id) was made: its first 48 bits. */
  private static Instant createdAt(String resultId) {
    return Instant.ofEpochMilli(UUID.fromString(resultId).getMostSignificantBits() >>> 16);
  }

  @Test
  void twoLocationsEachProbeEverySiteAndASiteDownInOneOfThemIsUpWhereTwoMustAgree()
      throws Exception {
    Instant begin = Instant.now();
    assertTheCheckersSplitTheSites();
    Path secondFile = secondLocationsSitesFile();
    for (int n = 3; n <= 4; n++) {
      Stack.control(
          "/servers/checker"
              + n
              + "/start?SITEWATCH_LOCATION="
              + SECOND_LOCATION
              + "&SITEWATCH_SITES_FILE="
              + secondFile);
    }
    for (int n = 3; n <= 4; n++) {
      Stack.awaitStatus(CheckerReadiness.ofChecker(n), 200, Duration.ofSeconds(180));
    }
    await("the second location's two checkers share the sites")
        .atMost(Duration.ofSeconds(60))
        .until(
            () ->
                CheckerReadiness.ownedSites(CheckerReadiness.ofChecker(3)) > 0
                    && CheckerReadiness.ownedSites(CheckerReadiness.ofChecker(4)) > 0
                    && CheckerReadiness.ownedSites(CheckerReadiness.ofChecker(3))
                            + CheckerReadiness.ownedSites(CheckerReadiness.ofChecker(4))
                        == ScenarioSites.ids().size());
    Instant from = Instant.now().plus(INTERVAL);
    await("an incident for the site one location's DOWN is enough for")
        .atMost(Duration.ofSeconds(60))
        .until(() -> !incidentsSince("locations-one-enough", begin).isEmpty());
    Instant to = Instant.now().plus(INTERVAL.multipliedBy(5));
    awaitProbedPast(to, 2);

    Map<String, Map<String, List<String>>> byLocation = new HashMap<>();
    for (Probe probe : probes(everyThreeSeconds(), from, to)) {
      byLocation
          .computeIfAbsent(probe.site(), s -> new HashMap<>())
          .computeIfAbsent(probe.location(), l -> new ArrayList<>())
          .add(probe.checker());
    }
    long intervals = Duration.between(from, to).dividedBy(INTERVAL);
    for (String site : everyThreeSeconds()) {
      Map<String, List<String>> locations = byLocation.getOrDefault(site, Map.of());
      assertEquals(
          Set.of("default", SECOND_LOCATION), locations.keySet(), site + " from both locations");
      locations.forEach(
          (location, checkers) -> {
            assertEquals(
                1,
                new HashSet<>(checkers).size(),
                site + " was probed by one checker in " + location + ": " + checkers);
            assertTrue(
                Math.abs(checkers.size() - intervals) <= 1,
                site
                    + " was probed once per interval in "
                    + location
                    + ": "
                    + checkers.size()
                    + " times in "
                    + intervals
                    + " intervals");
          });
    }
    assertEquals(
        List.of(),
        incidentsSince("locations-two-needed", begin),
        "a site only one location of two sees DOWN stays UP with minLocations: 2");
    System.out.printf(
        "CheckerGroupIT: two locations of two checkers: %d sites each probed once per location"
            + " per interval over %d intervals%n",
        everyThreeSeconds().size(), intervals);
  }

  private static final String SECOND_LOCATION = "second";

  /** The scenario's sites file with the two locations-* sites down, as seen from elsewhere. */
  private static Path secondLocationsSitesFile() throws IOException {
    String text = Files.readString(ScenarioSites.runningFile());
    for (String site : List.of("locations-two-needed", "locations-one-enough")) {
      String item = "  - id: " + site + "\n    url: ";
      int at = text.indexOf(item);
      assertTrue(at >= 0, "the scenario sites file has " + site);
      int end = text.indexOf('\n', at + item.length());
      text =
          text.substring(0, at + item.length())
              + "http://127.0.0.1:"
              + System.getProperty("st.target.port")
              + "/error"
              + text.substring(end);
    }
    Path file = Path.of("target", "second-location-sites.yaml").toAbsolutePath();
    Files.writeString(file, text);
    return file;
  }

  private static List<Map<String, Object>> incidentsSince(String site, Instant since) {
    return AlertFeed.rows("SELECT id, opened_at FROM incident WHERE site_id = ?", site).stream()
        .filter(row -> ((Timestamp) row.get("opened_at")).toInstant().isAfter(since))
        .toList();
  }

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
    JsonNode data = CheckerReadiness.scheduler(Stack.checker("/health/ready")).get("data");
    return data.has("sitesFileDiffers") ? data.get("sitesFileDiffers").asString() : "";
  }

  /**
   * Waits until the stack's checker and the second one split the sites; asserts that each site was
   * then probed by exactly one of them, and returns which.
   */
  private static Map<String, String> assertTheCheckersSplitTheSites() throws Exception {
    int sites = ScenarioSites.ids().size();
    await()
        .atMost(Duration.ofSeconds(60))
        .until(
            () -> {
              int first = CheckerReadiness.ownedSites(Stack.checker("/health/ready"));
              int other = CheckerReadiness.ownedSites(SECOND);
              return first > 0 && other > 0 && first + other == sites;
            });
    Instant from = Instant.now().plus(INTERVAL);
    Instant to = from.plus(INTERVAL.multipliedBy(2));
    awaitProbedPast(to, 1);

    Map<String, Set<String>> probers = probers(from, to);
    assertTrue(probers.keySet().containsAll(everyThreeSeconds()), "every site probed: " + probers);
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

  /**
   * Waits until every site has a stored probe started after {@code to} from each of {@code
   * locations}: a site's results from one location are stored in the order they were made, so by
   * then every probe of it before {@code to} is stored too.
   */
  private static void awaitProbedPast(Instant to, int locations) {
    int expected = everyThreeSeconds().size() * locations;
    await("every site probed after " + to + " from " + locations + " location(s)")
        .atMost(Duration.between(Instant.now(), to).plusSeconds(30))
        .pollInterval(Duration.ofMillis(500))
        .until(() -> probedPast(to) >= expected);
  }

  /** How many (site, location) pairs have a stored probe started after {@code to}. */
  private static int probedPast(Instant to) throws SQLException {
    try (Connection db = Stack.database();
        PreparedStatement select =
            db.prepareStatement(
                "SELECT count(*) FROM (SELECT DISTINCT site_id, location FROM check_result"
                    + " WHERE site_id = ANY(?) AND started_at > ?) probed")) {
      select.setArray(1, db.createArrayOf("text", everyThreeSeconds().toArray()));
      select.setTimestamp(2, Timestamp.from(to));
      try (ResultSet rows = select.executeQuery()) {
        rows.next();
        return rows.getInt(1);
      }
    }
  }

  private static String stackCheckerId() {
    return CheckerReadiness.checkerId(Stack.checker("/health/ready"));
  }

  /** The scenario sites probed every {@link #INTERVAL}. */
  private static Set<String> everyThreeSeconds() {
    Set<String> sites = new HashSet<>(ScenarioSites.ids());
    sites.remove(SLOW_SITE);
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

  private record Probe(
      String site, String checker, String location, Instant startedAt, Instant scheduledAt) {}

  /** Stored results of the sites started in [from, to], by site and start. */
  private static List<Probe> probes(Set<String> sites, Instant from, Instant to)
      throws SQLException {
    try (Connection db = Stack.database();
        PreparedStatement select =
            db.prepareStatement(
                "SELECT site_id, checker, location, started_at, scheduled_at FROM check_result"
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
                  rows.getString(3),
                  rows.getTimestamp(4).toInstant(),
                  rows.getTimestamp(5).toInstant()));
        }
      }
      return probes;
    }
  }
}
