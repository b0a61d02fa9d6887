package org.sitewatch.systemtest;

import java.io.IOException;
import java.io.Reader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Properties;

/**
 * What the build started for this test run (see system-tests/pom.xml), read from the stack's info
 * file and the failsafe system properties.
 */
final class Stack {

  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private static Properties info;

  private Stack() {}

  static synchronized Properties info() {
    if (info == null) {
      Path file = Path.of(System.getProperty("stack.info.file"));
      Properties p = new Properties();
      try (Reader reader = Files.newBufferedReader(file)) {
        p.load(reader);
      } catch (IOException e) {
        throw new IllegalStateException("stack info file " + file + " unreadable", e);
      }
      info = p;
    }
    return info;
  }

  static String kafkaBootstrap() {
    return info().getProperty("kafka.bootstrap.servers");
  }

  /** A connection as the persister's runtime role would have it. */
  static Connection database() throws SQLException {
    Properties p = info();
    String url =
        "jdbc:postgresql://"
            + p.getProperty("postgres.host")
            + ":"
            + p.getProperty("postgres.port")
            + "/"
            + p.getProperty("postgres.database");
    return DriverManager.getConnection(
        url, p.getProperty("postgres.owner.user"), p.getProperty("postgres.owner.password"));
  }

  static URI checker(String path) {
    return URI.create("http://localhost:" + System.getProperty("st.checker.http.port") + path);
  }

  static URI persister(String path) {
    return URI.create("http://localhost:" + System.getProperty("st.persister.http.port") + path);
  }

  static URI target(String path) {
    return URI.create("http://127.0.0.1:" + System.getProperty("st.target.port") + path);
  }

  static HttpResponse<String> get(URI uri) {
    try {
      return HTTP.send(
          HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).GET().build(),
          HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new IllegalStateException("GET " + uri + " failed: " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  /** Runs {@code wlp/bin/server ACTION NAME}; the server's settings are in its server.env. */
  static void server(String action, String name) {
    Path script = Path.of(System.getProperty("sitewatch.wlp.dir"), "bin", "server");
    try {
      Process process =
          new ProcessBuilder(script.toString(), action, name).inheritIO().start();
      if (!process.waitFor(120, java.util.concurrent.TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new IllegalStateException("server " + action + " " + name + " did not finish");
      }
      if (process.exitValue() != 0 && !"stop".equals(action)) {
        throw new IllegalStateException(
            "server " + action + " " + name + " exited " + process.exitValue());
      }
    } catch (IOException e) {
      throw new IllegalStateException("cannot run " + script, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }
}
