import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Applies each mutation to a scratch copy of the work tree, runs the integration tests that must
 * notice it, and prints {@code mutation NAME: killed|SURVIVED}. A mutation is killed when at least
 * one of its tests ran and failed; a build that breaks before any test ran is an error, not a kill.
 * Exits 1 when one survived, 2 on an error.
 */
public class Mutations {

  record Mutation(String name, String file, String from, String to, String tests) {}

  private static final String PERSISTER = "persister-war/src/main/java/org/sitewatch/persister/";
  private static final String CHECKER = "checker-war/src/main/java/org/sitewatch/checker/";

  static final List<Mutation> ALL =
      List.of(
          new Mutation(
              "idempotent-insert-removed",
              PERSISTER + "store/PostgresResultStore.java",
              "          ON CONFLICT DO NOTHING\n",
              "",
              "PersisterApiIT"),
          new Mutation(
              "alert-threshold-off-by-one",
              PERSISTER + "alert/LocationRun.java",
              "return consecutive >= threshold;",
              "return consecutive > threshold;",
              "AlertDecisionIT"),
          new Mutation(
              "min-locations-ignored",
              PERSISTER + "alert/AlertMachine.java",
              "if (alert.state == Status.UP && down >= policy.minLocations()) {",
              "if (alert.state == Status.UP && down >= 1) {",
              "AlertLocationsIT"),
          new Mutation(
              "checker-probes-every-site",
              CHECKER + "schedule/ProbeScheduler.java",
              "boolean mine = owned.owns(site.id());",
              "boolean mine = true;",
              "CheckerGroupIT"),
          new Mutation(
              "handover-at-now",
              CHECKER + "group/KafkaGroupOwnership.java",
              "Instant until = probedUntil == null ? Instant.now() : probedUntil;",
              "Instant until = Instant.now();",
              "CheckerFailoverIT"),
          new Mutation(
              "alert-maintenance-ignored",
              PERSISTER + "alert/AlertMachine.java",
              "return MaintenanceWindows.endCovering(maintenance, result.startedAt());",
              "return Optional.empty();",
              "AlertDecisionIT"),
          new Mutation(
              "login-constraint-open",
              "persister-war/src/main/webapp/WEB-INF/web.xml",
              "            <url-pattern>/*</url-pattern>\n",
              "            <url-pattern>/nothing/*</url-pattern>\n",
              "LoginIT"),
          new Mutation(
              "https-off",
              "liberty-config/src/main/resources/sitewatch/dedicated-server.xml",
              "httpsPort=\"${sitewatch.https.port}\"",
              "httpsPort=\"-1\"",
              "HttpsIT"),
          new Mutation(
              "page-api-from-server-root",
              "persister-war/src/main/webapp/status/list.js",
              "    return \"../api/sites?\" + query;\n",
              "    return \"/api/sites?\" + query;\n",
              "ContextRootIT"),
          new Mutation(
              "ansible-login-left-out",
              "ansible/roles/sitewatch_server/tasks/main.yml",
              "  when: sitewatch_server_kind == 'persister' and sitewatch_server_login_enabled\n",
              "  when: false\n",
              "AnsibleDeployIT"),
          new Mutation(
              "rollups-count-redeliveries",
              PERSISTER + "store/PostgresResultStore.java",
              "          FROM inserted),\n",
              "          FROM batch),\n",
              "UptimeApiIT"),
          new Mutation(
              "ack-before-commit",
              PERSISTER + "ingest/CheckResultConsumer.java",
              "    writer\n        .submit(result)",
              "    acknowledge(message, record);\n    writer\n        .submit(result)",
              "PersisterKillIT"),
          new Mutation(
              "site-upsert-unguarded",
              PERSISTER + "store/PostgresResultStore.java",
              "          WHERE (s.last_checked_at, s.last_result_id)\n"
                  + "              < (EXCLUDED.last_checked_at, EXCLUDED.last_result_id)\n",
              "",
              "PersisterApiIT"),
          new Mutation(
              "dead-letter-skipped",
              PERSISTER + "ingest/CheckResultConsumer.java",
              "deadLetters.publish(record, reason).thenRun(() -> acknowledge(message, record));",
              "acknowledge(message, record);",
              "PersisterApiIT"),
          new Mutation(
              "probe-retries-ignored",
              "checker-war/src/main/java/org/sitewatch/checker/probe/Prober.java",
              "site.maxAttempts(), () -> attempt(",
              "1, () -> attempt(",
              "PipelineIT"),
          new Mutation(
              "dead-stream-ignored",
              PERSISTER + "health/PersisterLiveness.java",
              " && !stream.dead())",
              ")",
              "IncomingStreamIT"),
          new Mutation(
              "dead-letter-failure-hidden",
              PERSISTER + "health/PersisterReadiness.java",
              "\n                    && !deadLetters.failing())",
              ")",
              "DeadLetterUnwritableIT"),
          new Mutation(
              "catalogue-tombstones-skipped",
              CHECKER + "catalog/CatalogueChanges.java",
              "        .filter(key -> !wanted.containsKey(key))\n",
              "        .filter(key -> false)\n",
              "SiteCatalogIT"),
          new Mutation(
              "catalogue-topic-not-read",
              CHECKER + "catalog/KafkaCatalogueTopic.java",
              "    return read();\n",
              "    return Map.of();\n",
              "SiteCatalogRestartIT"));

  private static final Duration TIMEOUT = Duration.ofMinutes(25);

  public static void main(String[] args) throws Exception {
    Path repo = Path.of(args[0]);
    List<String> wanted = Arrays.asList(args).subList(1, args.length);
    List<Mutation> chosen =
        ALL.stream().filter(m -> wanted.isEmpty() || wanted.contains(m.name())).toList();
    if (chosen.size() < Math.max(1, wanted.size())) {
      System.err.println("unknown mutation in " + wanted + "; known: " + names());
      System.exit(2);
    }
    Path scratch = repo.resolve("system-tests/target/mutations");
    int survived = 0;
    for (Mutation mutation : chosen) {
      Verdict verdict = run(repo, scratch.resolve(mutation.name()), mutation);
      System.out.println("mutation " + mutation.name() + ": " + verdict.word);
      if (verdict == Verdict.ERROR) {
        System.exit(2);
      }
      if (verdict == Verdict.SURVIVED) {
        survived++;
      }
    }
    System.exit(survived == 0 ? 0 : 1);
  }

  enum Verdict {
    KILLED("killed"),
    SURVIVED("SURVIVED"),
    ERROR("ERROR (see its log)");

    final String word;

    Verdict(String word) {
      this.word = word;
    }
  }

  private static List<String> names() {
    return ALL.stream().map(Mutation::name).toList();
  }

  private static Verdict run(Path repo, Path copy, Mutation mutation) throws Exception {
    deleteTree(copy);
    copyTree(repo, copy);
    Path file = copy.resolve(mutation.file());
    String source = Files.readString(file);
    if (!source.contains(mutation.from())) {
      System.err.println(mutation.name() + ": its anchor is no longer in " + mutation.file());
      return Verdict.ERROR;
    }
    Files.writeString(file, source.replace(mutation.from(), mutation.to()));
    Path log = copy.resolve("mutation.log");
    System.err.println(mutation.name() + ": running " + mutation.tests() + ", log " + log);
    Process build =
        new ProcessBuilder(
                copy.resolve("mvnw").toString(),
                "-B",
                "-ntp",
                "verify",
                "-Dtest=none",
                "-Dsurefire.failIfNoSpecifiedTests=false",
                "-Dit.test=" + mutation.tests(),
                "-Dfailsafe.failIfNoSpecifiedTests=false",
                "-Dst.checker.restart.skip=true",
                "-Dspotless.check.skip=true")
            .directory(copy.toFile())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start();
    if (!build.waitFor(TIMEOUT.toMinutes(), TimeUnit.MINUTES)) {
      build.descendants().forEach(ProcessHandle::destroyForcibly);
      build.destroyForcibly();
      System.err.println(mutation.name() + ": no verdict within " + TIMEOUT);
      return Verdict.ERROR;
    }
    int[] counts = failsafeCounts(copy.resolve("system-tests/target/failsafe-reports"));
    if (counts[0] == 0) {
      System.err.println(mutation.name() + ": no test ran (exit " + build.exitValue() + ")");
      return Verdict.ERROR;
    }
    return counts[1] > 0 ? Verdict.KILLED : Verdict.SURVIVED;
  }

  /** Tests run and tests failed or in error, from the failsafe summary. */
  private static int[] failsafeCounts(Path reports) throws IOException {
    Path summary = reports.resolve("failsafe-summary.xml");
    if (!Files.exists(summary)) {
      return new int[] {0, 0};
    }
    String xml = Files.readString(summary);
    return new int[] {
      count(xml, "completed"), count(xml, "errors") + count(xml, "failures")
    };
  }

  private static int count(String xml, String element) {
    Matcher m = Pattern.compile("<" + element + ">(\\d+)</" + element + ">").matcher(xml);
    return m.find() ? Integer.parseInt(m.group(1)) : 0;
  }

  /** The work tree as it is now, uncommitted edits included, without build output or history. */
  private static void copyTree(Path from, Path to) throws IOException {
    try (Stream<Path> paths = Files.walk(from)) {
      paths
          .filter(p -> !excluded(from.relativize(p)))
          .forEach(
              p -> {
                try {
                  Path target = to.resolve(from.relativize(p).toString());
                  if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                  } else {
                    Files.copy(p, target, StandardCopyOption.COPY_ATTRIBUTES);
                  }
                } catch (IOException e) {
                  throw new UncheckedIOException(e);
                }
              });
    }
  }

  private static boolean excluded(Path relative) {
    for (Path part : relative) {
      String name = part.toString();
      if (name.equals(".git") || name.equals("target")) {
        return true;
      }
    }
    return false;
  }

  private static void deleteTree(Path root) throws IOException {
    if (!Files.exists(root)) {
      return;
    }
    List<Path> paths = new ArrayList<>();
    try (Stream<Path> walk = Files.walk(root)) {
      walk.forEach(paths::add);
    }
    for (int i = paths.size() - 1; i >= 0; i--) {
      Files.delete(paths.get(i));
    }
  }
}
