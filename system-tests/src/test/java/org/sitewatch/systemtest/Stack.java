package org.sitewatch.systemtest;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.Reader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.sitewatch.teststack.ControlClient;

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

  /** The JVM flags of every JVM the tests start (the build's st.jvm.args), one per element. */
  static List<String> jvmArgs() {
    return List.of(System.getProperty("st.jvm.args").split(" "));
  }

  static String kafkaBootstrap() {
    return info().getProperty("kafka.bootstrap.servers");
  }

  /** A connection as the owner role, which runs the migrations and may do anything. */
  static Connection database() throws SQLException {
    Properties p = info();
    return connect(p.getProperty("postgres.owner.user"), p.getProperty("postgres.owner.password"));
  }

  /** A connection as the persister's runtime role: insert and read only. */
  static Connection runtimeRoleDatabase() throws SQLException {
    Properties p = info();
    return connect(p.getProperty("postgres.app.user"), p.getProperty("postgres.app.password"));
  }

  private static Connection connect(String user, String password) throws SQLException {
    Properties p = info();
    String url =
        "jdbc:postgresql://"
            + p.getProperty("postgres.host")
            + ":"
            + p.getProperty("postgres.port")
            + "/"
            + p.getProperty("postgres.database");
    return DriverManager.getConnection(url, user, password);
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

  /** The HTTP status, or -1 while nothing answers (a server starting or stopped). */
  static int status(URI uri) {
    try {
      return get(uri).statusCode();
    } catch (IllegalStateException e) {
      if (e.getCause() instanceof IOException) {
        return -1;
      }
      throw e;
    }
  }

  static void awaitStatus(URI uri, int status, Duration atMost) {
    await(uri + " answers " + status)
        .atMost(atMost)
        .pollInterval(Duration.ofMillis(250))
        .until(() -> status(uri) == status);
  }

  static HttpResponse<String> get(URI uri) {
    return get(uri, null);
  }

  /** The id of the first site in a body of {@code GET /api/sites}; fails when it has none. */
  static String firstSiteId(String sitesBody) {
    Matcher site = SITE_ID.matcher(sitesBody);
    assertTrue(site.find(), "a page with sites: " + sitesBody);
    return site.group(1);
  }

  private static final Pattern SITE_ID = Pattern.compile("\"siteId\":\"([^\"]+)\"");

  /** A GET with HTTP Basic credentials ({@code user:password}), or none when null. */
  static HttpResponse<String> get(URI uri, String credentials) {
    HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30));
    if (credentials != null) {
      request.header(
          "Authorization",
          "Basic "
              + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8)));
    }
    try {
      return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new IllegalStateException("GET " + uri + " failed: " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  /**
   * A metric from a server's {@code /metrics} (Prometheus text), summed over the series that carry
   * the given tags, e.g. {@code metric(checker("/metrics"), "sitewatch_probes_total", "outcome",
   * "DOWN")}; -1 if no series matches.
   */
  static double metric(URI metrics, String name, String... tagsAndValues) {
    double sum = 0;
    boolean found = false;
    Matcher line = PROMETHEUS_LINE.matcher(get(metrics).body());
    while (line.find()) {
      if (line.group(1).equals(name) && hasTags(line.group(2), tagsAndValues)) {
        sum += Double.parseDouble(line.group(3));
        found = true;
      }
    }
    return found ? sum : -1;
  }

  private static final Pattern PROMETHEUS_LINE =
      Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\\{([^}]*)\\})?\\s+(\\S+)", Pattern.MULTILINE);

  private static boolean hasTags(String tags, String... tagsAndValues) {
    for (int i = 0; i < tagsAndValues.length; i += 2) {
      String tag = tagsAndValues[i] + "=\"" + tagsAndValues[i + 1] + "\"";
      if (tags == null || !(tags.startsWith(tag) || tags.contains("," + tag))) {
        return false;
      }
    }
    return true;
  }

  /**
   * Asks the stack launcher to stop or start one of its parts (its loopback control endpoint), e.g.
   * {@code control("/kafka/stop")} or {@code control("/servers/persister/start")}.
   */
  static void control(String path) {
    ControlClient.post(Integer.getInteger("st.control.port"), path);
  }
}
