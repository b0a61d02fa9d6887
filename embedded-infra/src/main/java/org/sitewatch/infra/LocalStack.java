package org.sitewatch.infra;

import java.util.Set;

/**
 * The quick start: Kafka, PostgreSQL and both Sitewatch Liberty servers with one command, until
 * Ctrl-C.
 *
 * <pre>
 * java -Xmx256m -cp &lt;embedded-infra jar + its runtime dependencies&gt; \
 *     org.sitewatch.infra.LocalStack
 *     [--wlp target/liberty/wlp] [--sites-file sites.yaml]
 *     [--checker-http-port 9080] [--checker-https-port 9443]
 *     [--persister-http-port 9081] [--persister-https-port 9444]
 *     [the options of InfraMain]
 * </pre>
 *
 * <p>What it starts, in which order, and how it stops: {@link SupervisedStack}. Set {@code
 * MP_MESSAGING_CONNECTOR_LIBERTY_KAFKA_BOOTSTRAP_SERVERS} or {@code SITEWATCH_DB_HOST} to use your
 * own Kafka or PostgreSQL instead of the embedded ones. If a server's application fails to start
 * (an invalid sites file, say) it prints the problems once and stops everything with exit status 1;
 * if a server is merely not ready within 180 s it says which and keeps running. Nothing here is
 * test support: no fault injection, no extra servers or configuration.
 */
public final class LocalStack {

  static final String USAGE =
      String.join(
          "\n",
          "Usage: java -cp ... org.sitewatch.infra.LocalStack [options]",
          "Runs Kafka, PostgreSQL and both Sitewatch Liberty servers until Ctrl-C.",
          StackOptions.USAGE);

  private LocalStack() {}

  public static void main(String[] args) throws InterruptedException {
    SupervisedStack.launch(args, USAGE, Set.of(), (cl, stack) -> new StackExtension() {});
  }
}
