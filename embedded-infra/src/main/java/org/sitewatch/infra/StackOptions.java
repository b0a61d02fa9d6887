package org.sitewatch.infra;

import java.util.Set;

/**
 * The command-line options of a {@link SupervisedStack}, for a launcher's own parsing and usage.
 */
public final class StackOptions {

  private static final Set<String> VALUE_OPTIONS =
      Cli.union(
          InfraOptions.VALUE_OPTIONS,
          Set.of(
              "wlp",
              "sites-file",
              "checker-http-port",
              "checker-https-port",
              "persister-http-port",
              "persister-https-port"));

  public static final Set<String> FLAG_OPTIONS = InfraOptions.FLAG_OPTIONS;

  /** Their usage lines, followed by the environment variables the stack reads. */
  public static final String USAGE =
      String.join(
          "\n",
          "  --wlp DIR                  Liberty install with the two servers (default"
              + " target/liberty/wlp)",
          "  --sites-file FILE          the checker's sites (default sites.yaml; env "
              + StackPlan.SITES_FILE
              + " wins)",
          "  --checker-http-port N      default 9080 (--checker-https-port: 9443)",
          "  --persister-http-port N    default 9081 (--persister-https-port: 9444)",
          InfraOptions.USAGE,
          "Environment: MP_MESSAGING_CONNECTOR_LIBERTY_KAFKA_BOOTSTRAP_SERVERS (use that Kafka),",
          "SITEWATCH_DB_HOST and the other SITEWATCH_DB_* (use that PostgreSQL); any SITEWATCH_*",
          "variable set here reaches the servers unchanged.");

  private StackOptions() {}

  /** The stack's value options and a launcher's own. */
  public static Set<String> valueOptions(Set<String> extraOptions) {
    return Cli.union(VALUE_OPTIONS, extraOptions);
  }
}
