package org.sitewatch.systemtest;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The stack's second persister (otherwise the persister: same Kafka, database and consumer group)
 * with a configuration drop-in of a test's own, for what the shared persister must not change: a
 * login, a context root. Closing it stops the server and removes the drop-in, so the next user of
 * the second persister gets the plain one.
 */
final class ExtraPersister implements AutoCloseable {

  private static final URI SERVER =
      URI.create("http://localhost:" + System.getProperty("st.persister2.http.port"));
  private static final Path SERVER_DIR =
      Path.of(System.getProperty("st.wlp"), "usr/servers/sitewatch-persister-2");
  private static final Duration START = Duration.ofSeconds(120);

  private final Path dropin;

  private ExtraPersister(Path dropin) {
    this.dropin = dropin;
  }

  /** Starts it with {@code config} (a server.xml document) as drop-in {@code name}; once ready. */
  static ExtraPersister start(String name, String config) throws Exception {
    ExtraPersister persister =
        new ExtraPersister(SERVER_DIR.resolve("configDropins/overrides").resolve(name + ".xml"));
    persister.reconfigure(config);
    Stack.control("/servers/persister2/start");
    Stack.awaitStatus(uri("/health/ready"), 200, START);
    return persister;
  }

  /** Replaces the drop-in; the running server reads it again within a second or two. */
  void reconfigure(String config) throws Exception {
    Files.createDirectories(dropin.getParent());
    Files.writeString(dropin, config);
  }

  static URI uri(String path) {
    return SERVER.resolve(path);
  }

  @Override
  public void close() throws Exception {
    try {
      if (Stack.status(uri("/health/live")) != -1) {
        Stack.control("/servers/persister2/stop");
      }
      // The persister takes its partitions back before the next test counts on them.
      Topics.awaitPersisterGroupMembers(1);
    } finally {
      Files.deleteIfExists(dropin);
    }
  }
}
