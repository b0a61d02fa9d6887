package org.sitewatch.systemtest;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.sitewatch.common.CheckResult;
import org.sitewatch.common.serde.CheckResultCodec;

/**
 * Three checkers of one location share 1,000 sites at 10 s through their Kafka group, away from the
 * stack's own checker (a group, sites file, catalogue and results topic of their own): each site is
 * probed by exactly one; a fourth joining takes about a quarter of the sites, and only those may be
 * probed twice, once; a cleanly stopped checker's sites go on within interval + 2 s, a SIGKILLed
 * one's within interval + 30 s; and over the whole run each site has as many results as due times,
 * give or take one per hand-over it went through.
 */
class CheckerFailoverIT {

  /** Enough for every checker to own sites of all 60 partitions; more is the benchmark's job. */
  private static final int SITES = 1000;

  private static final Duration INTERVAL = Duration.ofSeconds(10);
  private static final String GROUP = "failover-it";
  private static final String RESULTS = "failover-it.check-results";

  /** The stack's on-demand checkers this test runs: the first three, then the joining fourth. */
  private static final List<Integer> CHECKERS = List.of(2, 3, 4, 5);

  @AfterEach
  void stopTheCheckers() {
    for (int n : CHECKERS) {
      if (Stack.status(CheckerReadiness.ofChecker(n)) != -1) {
        Stack.control("/servers/checker" + n + "/stop");
      }
    }
  }

  @Test
  void checkersShareTheSitesAJoinerTakesItsShareAndALeaversSitesAreTakenOver() throws Exception {
    createResultsTopic();
    Path sitesFile = writeSitesFile();
    try (Results results = new Results()) {
      for (int n : CHECKERS.subList(0, 3)) {
        start(n, sitesFile);
      }
      awaitShared(CHECKERS.subList(0, 3));
      Instant first = Instant.now().plus(INTERVAL);
      Map<String, String> before = ownersOnceIn(results, first);
      assertEquals(3, new HashSet<>(before.values()).size(), "three checkers share the sites");

      // A fourth joins.
      Instant joined = Instant.now();
      start(5, sitesFile);
      awaitShared(CHECKERS);
      Instant settled = Instant.now().plus(INTERVAL);
      Map<String, String> after = ownersOnceIn(results, settled);
      Set<String> moved = changed(before, after);
      double movedFraction = (double) moved.size() / SITES;
      Map<String, Integer> doubles =
          doubleProbes(results.between(joined.minus(INTERVAL), settled.plus(INTERVAL)));
      System.out.printf(
          "CheckerFailoverIT: a 4th joined: %d of %d sites moved (%.3f), %d probed twice%n",
          moved.size(), SITES, movedFraction, doubles.size());
      assertTrue(
          Math.abs(movedFraction - 0.25) <= 0.10,
          "about a quarter of the sites moved to the 4th checker: " + movedFraction);
      doubles.forEach(
          (site, times) -> {
            assertTrue(moved.contains(site), site + " was probed twice but did not move");
            assertEquals(1, times, site + " was probed twice for " + times + " due times");
          });

      // One stops cleanly.
      String stoppedId = CheckerReadiness.checkerId(CheckerReadiness.ofChecker(3));
      leave(results, 3, "stop", sitesOf(after, stoppedId), INTERVAL.plusSeconds(2));

      // One is killed.
      Instant beforeKill = Instant.now();
      String killedId = CheckerReadiness.checkerId(CheckerReadiness.ofChecker(4));
      Set<String> killedSites =
          sitesOf(owners(results, beforeKill.minus(INTERVAL.multipliedBy(2))), killedId);
      Instant end = leave(results, 4, "kill", killedSites, INTERVAL.plusSeconds(30));

      assertCountsMatchDueTimes(results.between(first, end), first, end, killedSites);
    }
  }

  /**
   * Stops or kills {@code checker<number>}, waits until the others probe its sites, and asserts
   * that none of them waited longer than {@code bound} between two probes.
   *
   * @return until when every result is in
   */
  private static Instant leave(
      Results results, int number, String action, Set<String> sites, Duration bound) {
    Instant left = Instant.now();
    Stack.control("/servers/checker" + number + "/" + action);
    awaitProbedAgain(results, sites, left);
    Instant end = Instant.now();
    awaitEveryResultDueBefore(results, end);
    Gap gap = results.longestGap(sites, left.minus(INTERVAL), end);
    System.out.printf(
        "CheckerFailoverIT: %s: %d sites moved, longest gap %s%n", action, sites.size(), gap);
    assertTrue(
        gap.length().compareTo(bound) <= 0,
        "the sites of a checker after a "
            + action
            + " were probed on within "
            + bound
            + ": "
            + gap);
    return end;
  }

  /**
   * Per site, results scheduled in [from, to): one per due time, give or take one per hand-over the
   * site went through; the killed checker's sites may miss the due times of its gap as well.
   */
  private static void assertCountsMatchDueTimes(
      List<Probe> probes, Instant from, Instant to, Set<String> killedSites) {
    Map<String, List<Probe>> bySite = probes.stream().collect(Collectors.groupingBy(Probe::site));
    assertEquals(SITES, bySite.size(), "every site was probed");
    long minutes = Duration.between(from, to).toSeconds() / 60;
    int worst = 0;
    for (Map.Entry<String, List<Probe>> entry : bySite.entrySet()) {
      List<Probe> sorted = new ArrayList<>(entry.getValue());
      sorted.sort(Comparator.comparing(Probe::scheduledAt));
      long due = dueTimes(sorted.get(0).scheduledAt(), from, to);
      int handOvers = 0;
      for (int i = 1; i < sorted.size(); i++) {
        if (!sorted.get(i).checker().equals(sorted.get(i - 1).checker())) {
          handOvers++;
        }
      }
      long difference = sorted.size() - due;
      long lostToTheKill = killedSites.contains(entry.getKey()) ? 30 / INTERVAL.toSeconds() : 0;
      worst = (int) Math.max(worst, Math.abs(difference));
      assertTrue(
          difference <= handOvers && -difference <= handOvers + lostToTheKill,
          entry.getKey()
              + ": "
              + sorted.size()
              + " results for "
              + due
              + " due times over "
              + minutes
              + " min, through "
              + handOvers
              + " hand-overs");
    }
    System.out.printf(
        "CheckerFailoverIT: %d sites over %d s: results per site within %d of the due times%n",
        SITES, Duration.between(from, to).toSeconds(), worst);
  }

  /** The due times in [from, to) of a site whose phase {@code anyDueTime} shows. */
  private static long dueTimes(Instant anyDueTime, Instant from, Instant to) {
    long interval = INTERVAL.toMillis();
    long phase = Math.floorMod(anyDueTime.toEpochMilli(), interval);
    long firstDue = from.toEpochMilli() + Math.floorMod(phase - from.toEpochMilli(), interval);
    long end = to.toEpochMilli();
    return firstDue >= end ? 0 : (end - 1 - firstDue) / interval + 1;
  }

  private static void start(int checker, Path sitesFile) {
    Stack.control(
        "/servers/checker"
            + checker
            + "/start?SITEWATCH_SITES_FILE="
            + sitesFile
            + "&SITEWATCH_CHECKERS_GROUP="
            + GROUP
            + "&SITEWATCH_CHECKER_ID=failover-checker"
            + checker
            + "&SITEWATCH_CATALOG_TOPIC="
            + GROUP
            + ".sites"
            + "&MP_MESSAGING_OUTGOING_CHECK_RESULTS_TOPIC="
            + RESULTS);
  }

  /** Waits until these checkers are ready and their shares add up to all the sites. */
  private static void awaitShared(List<Integer> checkers) {
    for (int n : checkers) {
      Stack.awaitStatus(CheckerReadiness.ofChecker(n), 200, Duration.ofSeconds(180));
    }
    await("the checkers " + checkers + " share the sites")
        .atMost(Duration.ofSeconds(90))
        .until(
            () -> {
              int total = 0;
              for (int n : checkers) {
                int owned = CheckerReadiness.ownedSites(CheckerReadiness.ofChecker(n));
                if (owned <= 0) {
                  return false;
                }
                total += owned;
              }
              return total == SITES;
            });
  }

  private static void awaitProbedAgain(Results results, Set<String> sites, Instant since) {
    await("the sites of the checker that left are probed by the others")
        .atMost(Duration.ofSeconds(90))
        .until(
            () ->
                results.between(since.plusSeconds(1), Instant.now().plusSeconds(60)).stream()
                    .map(Probe::site)
                    .collect(Collectors.toSet())
                    .containsAll(sites));
  }

  /**
   * {@link #owners} once the window [from, from + interval) is over and every site's probe due in
   * it is in, or {@link #DELIVERY} after its end, when {@code owners} names the missing ones.
   */
  private static Map<String, String> ownersOnceIn(Results results, Instant from) {
    Instant end = from.plus(INTERVAL);
    await("the probes due in [" + from + ", +" + INTERVAL + ")")
        .atMost(Duration.between(Instant.now(), end).plus(DELIVERY).plusSeconds(5))
        .pollInterval(Duration.ofMillis(250))
        .until(
            () ->
                Instant.now().isAfter(end.plus(SETTLE))
                    && (Instant.now().isAfter(end.plus(DELIVERY))
                        || results.between(from, end).stream().map(Probe::site).distinct().count()
                            == SITES));
    return owners(results, from);
  }

  /** Time for a second result of a window, should two checkers probe one site, to come in too. */
  private static final Duration SETTLE = Duration.ofSeconds(2);

  /** Long enough for a probe's result to reach this test once the probe is due. */
  private static final Duration DELIVERY = Duration.ofSeconds(10);

  /**
   * Waits until every site has a result due at or after {@code end}: a site's results come in the
   * order its owner made them, so by then every one due before {@code end} is in.
   */
  private static void awaitEveryResultDueBefore(Results results, Instant end) {
    await("every site's results due before " + end)
        .atMost(INTERVAL.plus(DELIVERY).plusSeconds(5))
        .pollInterval(Duration.ofMillis(250))
        .until(() -> results.sitesDueFrom(end) == SITES);
  }

  /** Which checker probed each site due in [from, from + interval); fails if any site had two. */
  private static Map<String, String> owners(Results results, Instant from) {
    Map<String, Set<String>> probers = new HashMap<>();
    for (Probe probe : results.between(from, from.plus(INTERVAL))) {
      probers.computeIfAbsent(probe.site(), s -> new HashSet<>()).add(probe.checker());
    }
    if (probers.size() != SITES) {
      List<String> missing =
          IntStream.range(0, SITES)
              .mapToObj(CheckerFailoverIT::siteId)
              .filter(site -> !probers.containsKey(site))
              .limit(5)
              .toList();
      List<Probe> around =
          results
              .between(from.minus(INTERVAL.multipliedBy(2)), from.plus(INTERVAL.multipliedBy(3)))
              .stream()
              .filter(p -> missing.contains(p.site()))
              .toList();
      throw new AssertionError(
          (SITES - probers.size())
              + " sites had no probe due in ["
              + from
              + ", +"
              + INTERVAL
              + "), such as "
              + missing
              + "; their probes around it: "
              + around);
    }
    Map<String, String> owners = new HashMap<>();
    probers.forEach(
        (site, checkers) -> {
          assertEquals(
              1, checkers.size(), site + " was probed by exactly one checker: " + checkers);
          owners.put(site, checkers.iterator().next());
        });
    return owners;
  }

  private static Set<String> changed(Map<String, String> before, Map<String, String> after) {
    return before.keySet().stream()
        .filter(site -> !before.get(site).equals(after.get(site)))
        .collect(Collectors.toSet());
  }

  private static Set<String> sitesOf(Map<String, String> owners, String checker) {
    return owners.entrySet().stream()
        .filter(e -> e.getValue().equals(checker))
        .map(Map.Entry::getKey)
        .collect(Collectors.toSet());
  }

  /** Sites with due times probed twice (two results less than half an interval apart), how many. */
  private static Map<String, Integer> doubleProbes(List<Probe> probes) {
    Map<String, List<Instant>> dues = new HashMap<>();
    for (Probe probe : probes) {
      dues.computeIfAbsent(probe.site(), s -> new ArrayList<>()).add(probe.scheduledAt());
    }
    Map<String, Integer> doubles = new HashMap<>();
    dues.forEach(
        (site, times) -> {
          times.sort(Comparator.naturalOrder());
          for (int i = 1; i < times.size(); i++) {
            if (Duration.between(times.get(i - 1), times.get(i)).compareTo(INTERVAL.dividedBy(2))
                < 0) {
              doubles.merge(site, 1, Integer::sum);
            }
          }
        });
    return doubles;
  }

  private static void createResultsTopic() throws Exception {
    try (Admin admin = Admin.create(Map.of("bootstrap.servers", Stack.kafkaBootstrap()))) {
      if (!admin.listTopics().names().get().contains(RESULTS)) {
        admin.createTopics(List.of(new NewTopic(RESULTS, 3, (short) 1))).all().get();
      }
    }
  }

  private static Path writeSitesFile() throws IOException {
    String target = "http://127.0.0.1:" + System.getProperty("st.target.port") + "/untracked?n=";
    StringBuilder yaml = new StringBuilder();
    yaml.append("defaults:\n  interval: ").append(INTERVAL.toSeconds()).append("s\n");
    yaml.append("  timeout: 5s\nsites:\n");
    IntStream.range(0, SITES)
        .forEach(
            i -> yaml.append(String.format("  - id: %s%n    url: %s%d%n", siteId(i), target, i)));
    Path file = Path.of("target", "failover-sites.yaml").toAbsolutePath();
    Files.writeString(file, yaml, StandardCharsets.UTF_8);
    return file;
  }

  private static String siteId(int site) {
    return String.format("failover-%04d", site);
  }

  private record Probe(String site, String checker, Instant scheduledAt, Instant startedAt) {}

  /** Two consecutive probes of a site. */
  private record Gap(Probe before, Probe after) {

    Duration length() {
      return Duration.between(before.startedAt(), after.startedAt());
    }

    @Override
    public String toString() {
      return length().toMillis()
          + " ms: "
          + before.site()
          + " due "
          + before.scheduledAt()
          + " started "
          + before.startedAt()
          + " by "
          + before.checker()
          + ", then due "
          + after.scheduledAt()
          + " started "
          + after.startedAt()
          + " by "
          + after.checker();
    }
  }

  /** Every result on the test's results topic, read as they come. */
  private static final class Results implements AutoCloseable {

    private final ConcurrentLinkedQueue<Probe> probes = new ConcurrentLinkedQueue<>();
    private final KafkaConsumer<String, byte[]> consumer;
    private final Thread reader;
    private volatile boolean closed;

    Results() {
      Properties props = new Properties();
      props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, Stack.kafkaBootstrap());
      props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
      consumer = new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer());
      List<TopicPartition> partitions =
          consumer.partitionsFor(RESULTS).stream()
              .map(p -> new TopicPartition(RESULTS, p.partition()))
              .toList();
      consumer.assign(partitions);
      consumer.seekToEnd(partitions);
      partitions.forEach(consumer::position); // from now on, whatever an earlier run left
      reader = new Thread(this::read, "failover-results");
      reader.start();
    }

    private void read() {
      while (!closed) {
        for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
          CheckResult r = CheckResultCodec.decode(record.value());
          probes.add(new Probe(r.siteId(), r.checker(), r.scheduledAt(), r.startedAt()));
        }
      }
      consumer.close();
    }

    /** The results due in [from, to). */
    List<Probe> between(Instant from, Instant to) {
      return probes.stream()
          .filter(p -> !p.scheduledAt().isBefore(from) && p.scheduledAt().isBefore(to))
          .toList();
    }

    /** How many sites have a result due at or after {@code from}. */
    long sitesDueFrom(Instant from) {
      return probes.stream()
          .filter(p -> !p.scheduledAt().isBefore(from))
          .map(Probe::site)
          .distinct()
          .count();
    }

    /** The longest time between the starts of two consecutive probes of one of these sites. */
    Gap longestGap(Set<String> sites, Instant from, Instant to) {
      Map<String, List<Probe>> bySite = new HashMap<>();
      for (Probe probe : between(from, to)) {
        if (sites.contains(probe.site())) {
          bySite.computeIfAbsent(probe.site(), s -> new ArrayList<>()).add(probe);
        }
      }
      assertEquals(
          sites.size(), bySite.size(), "each site was probed between " + from + " and " + to);
      Gap longest = null;
      for (List<Probe> probes : bySite.values()) {
        probes.sort(Comparator.comparing(Probe::startedAt));
        for (int i = 1; i < probes.size(); i++) {
          Gap gap = new Gap(probes.get(i - 1), probes.get(i));
          longest = longest == null || gap.length().compareTo(longest.length()) > 0 ? gap : longest;
        }
      }
      return longest;
    }

    @Override
    public void close() throws InterruptedException {
      closed = true;
      reader.join(Duration.ofSeconds(10).toMillis());
    }
  }
}
