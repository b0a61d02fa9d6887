package org.sitewatch.infra;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** The lines a running stack prints once both servers are ready: URLs and a psql command. */
final class Banner {

  /** check_result is the persister's table (its first migration). */
  private static final String RESULTS_QUERY = "select count(*) from check_result";

  private Banner() {}

  static String text(InfraOptions options, StackPlan plan, long elapsedNanos) {
    String checker = "http://localhost:" + plan.checkerHttpPort();
    String persister = "http://localhost:" + plan.persisterHttpPort();
    List<String> lines = new ArrayList<>();
    lines.add(
        "Sitewatch is running ("
            + InfraMain.seconds(Duration.ofNanos(elapsedNanos))
            + "). Ctrl-C stops everything.");
    lines.add("  checker health     " + checker + "/health/ready");
    lines.add("  persister health   " + persister + "/health/ready");
    lines.add("  status page        " + persister + "/status/");
    lines.add("  history API        " + persister + "/api/sites  (described at /openapi/ui/)");
    lines.add("  metrics            " + checker + "/metrics  " + persister + "/metrics");
    lines.add(
        "  Kafka              "
            + plan.kafkaBootstrapServers()
            + (plan.embeddedKafka() ? " (embedded, data in " + options.dataDir() + ")" : ""));
    if (plan.embeddedPostgres()) {
      lines.add(
          "  PostgreSQL         "
              + EmbeddedPostgres.jdbcUrl(
                  EmbeddedPostgres.HOST, plan.postgresPort(), EmbeddedPostgres.DATABASE)
              + " (embedded)");
      lines.add("  psql               " + psqlCommand(plan, RESULTS_QUERY));
    } else {
      lines.add(
          "  PostgreSQL         "
              + System.getenv(StackPlan.DB_HOST)
              + ":"
              + plan.postgresPort()
              + " (from "
              + StackPlan.DB_HOST
              + ")");
    }
    String rule = "=".repeat(78);
    StringBuilder banner = new StringBuilder("\n").append(rule).append('\n');
    lines.forEach(l -> banner.append(l).append('\n'));
    return banner.append(rule).toString();
  }

  /** A command line to paste into a shell, for the runtime role. */
  static String psqlCommand(StackPlan plan, String sql) {
    return "PGPASSWORD="
        + shellQuote(plan.appPassword())
        + " psql -h "
        + EmbeddedPostgres.HOST
        + " -p "
        + plan.postgresPort()
        + " -U "
        + EmbeddedPostgres.APP_ROLE
        + " "
        + EmbeddedPostgres.DATABASE
        + " -c "
        + shellQuote(sql);
  }

  /** POSIX shell single quotes: safe for any value. */
  static String shellQuote(String value) {
    if (value.matches("[A-Za-z0-9_./:=@-]+")) {
      return value;
    }
    return "'" + value.replace("'", "'\\''") + "'";
  }
}
