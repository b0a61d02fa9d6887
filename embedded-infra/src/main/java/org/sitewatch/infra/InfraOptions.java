package org.sitewatch.infra;

import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;

/**
 * The options InfraMain and LocalStack share.
 *
 * <pre>
 *   --kafka-port N             Kafka PLAINTEXT listener on 127.0.0.1 (default 19092)
 *   --kafka-controller-port N  Kafka KRaft controller listener on 127.0.0.1
 *                              (default: any free port; nothing but the broker uses it)
 *   --postgres-port N          PostgreSQL on 127.0.0.1 (default 15432)
 *   --data-dir DIR             kafka/ and postgres/ live here (default target/sitewatch-data);
 *                              kept across runs
 *   --clean                    delete DIR/kafka and DIR/postgres first
 *   --info-file FILE           write the info file (see InfraInfo) here once ready
 *   --parent-pid N             stop when process N ends
 *   --watch-parent             stop when the process that started this one ends
 * </pre>
 */
public record InfraOptions(
    int kafkaPort,
    int kafkaControllerPort,
    int postgresPort,
    Path dataDir,
    boolean clean,
    Optional<Path> infoFile,
    Optional<Long> parentPid,
    Optional<Path> tlsDir) {

  static final int DEFAULT_KAFKA_PORT = 19092;
  static final int DEFAULT_POSTGRES_PORT = 15432;

  /** For the controller port: chosen when Kafka starts. */
  public static final int ANY_FREE_PORT = 0;

  static final Path DEFAULT_DATA_DIR = Path.of("target", "sitewatch-data");

  static final Set<String> VALUE_OPTIONS =
      Set.of(
          "kafka-port",
          "kafka-controller-port",
          "postgres-port",
          "data-dir",
          "info-file",
          "parent-pid");

  /**
   * InfraMain only: {@code --tls-dir DIR} makes a {@link LoopbackPki} in DIR and runs Kafka and
   * PostgreSQL with TLS and client certificates. LocalStack does not take it: its servers would
   * need the matching settings, which the TLS integration test gives its own servers.
   */
  static final String TLS_DIR = "tls-dir";

  static final String TLS_USAGE =
      "  --tls-dir DIR              TLS only, client certificates required; a test CA and"
          + " certificates\n"
          + "                             are made in DIR (ca.pem, client.pem, client.key, ...)";

  public static final Set<String> FLAG_OPTIONS = Set.of("clean", "watch-parent");

  static final String USAGE =
      String.join(
          "\n",
          "  --kafka-port N             Kafka listener on 127.0.0.1 (default "
              + DEFAULT_KAFKA_PORT
              + ")",
          "  --kafka-controller-port N  KRaft controller on 127.0.0.1 (default: any free port)",
          "  --postgres-port N          PostgreSQL on 127.0.0.1 (default "
              + DEFAULT_POSTGRES_PORT
              + ")",
          "  --data-dir DIR             data of both, kept across runs (default "
              + DEFAULT_DATA_DIR
              + ")",
          "  --clean                    delete DIR/kafka and DIR/postgres before starting",
          "  --info-file FILE           write connection details and pid here once ready",
          "  --parent-pid N             stop when process N ends (checked every second)",
          "  --watch-parent             stop when the process that started this one ends");

  public static InfraOptions from(CommandLine cl) throws CommandLine.UsageException {
    int kafkaPort = cl.port("kafka-port", DEFAULT_KAFKA_PORT);
    int controllerPort = cl.port("kafka-controller-port", ANY_FREE_PORT);
    int postgresPort = cl.port("postgres-port", DEFAULT_POSTGRES_PORT);
    if (controllerPort == kafkaPort
        || postgresPort == kafkaPort
        || postgresPort == controllerPort) {
      throw new CommandLine.UsageException(
          "Kafka ("
              + kafkaPort
              + "), its controller ("
              + controllerPort
              + ") and PostgreSQL ("
              + postgresPort
              + ") need three different ports");
    }
    return new InfraOptions(
        kafkaPort,
        controllerPort,
        postgresPort,
        cl.path("data-dir").orElse(DEFAULT_DATA_DIR).toAbsolutePath().normalize(),
        cl.flag("clean"),
        cl.path("info-file").map(p -> p.toAbsolutePath().normalize()),
        ParentWatch.target(cl),
        cl.path(TLS_DIR).map(p -> p.toAbsolutePath().normalize()));
  }
}
