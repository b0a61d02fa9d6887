package org.sitewatch.teststack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.Headers;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.sitewatch.teststack.ControlEndpoint.Action;
import org.sitewatch.teststack.ControlEndpoint.Reply;
import org.sitewatch.teststack.ControlEndpoint.Route;
import org.sitewatch.teststack.ControlEndpoint.Target;

class ControlEndpointTest {

  private static final int PORT = 39999;

  /** What a test's HTTP client sends: Host is the loopback address and port, no Origin. */
  private static Headers fromTest() {
    return headers("Host", "127.0.0.1:" + PORT);
  }

  private static Headers headers(String... namesAndValues) {
    Headers h = new Headers();
    for (int i = 0; i < namesAndValues.length; i += 2) {
      h.add(namesAndValues[i], namesAndValues[i + 1]);
    }
    return h;
  }

  private static ControlEndpoint recording(List<Route> performed) {
    return new ControlEndpoint(
        PORT,
        route -> {
          performed.add(route);
          return "done";
        });
  }

  @Test
  void everyDocumentedPathHasItsRoute() {
    assertEquals(
        Optional.of(new Route(Target.CHECKER, Action.STOP)),
        Route.parse("/servers/checker/stop"),
        "checker stop");
    assertEquals(
        Optional.of(new Route(Target.CHECKER, Action.START)),
        Route.parse("/servers/checker/start"),
        "checker start");
    assertEquals(
        Optional.of(new Route(Target.CHECKER, Action.KILL)),
        Route.parse("/servers/checker/kill"),
        "checker kill");
    assertEquals(
        Optional.of(new Route(Target.PERSISTER, Action.STOP)),
        Route.parse("/servers/persister/stop"),
        "persister stop");
    assertEquals(
        Optional.of(new Route(Target.PERSISTER, Action.START)),
        Route.parse("/servers/persister/start"),
        "persister start");
    assertEquals(
        Optional.of(new Route(Target.PERSISTER, Action.KILL)),
        Route.parse("/servers/persister/kill"),
        "persister kill");
    assertEquals(
        Optional.of(new Route(Target.server("persister2"), Action.START)),
        Route.parse("/servers/persister2/start"),
        "second persister start");
    assertEquals(
        Optional.of(new Route(Target.server("checker3"), Action.KILL)),
        Route.parse("/servers/checker3/kill"),
        "third checker kill");
    assertEquals(
        Optional.of(new Route(Target.KAFKA, Action.STOP)), Route.parse("/kafka/stop"), "kafka");
    assertEquals(
        Optional.of(new Route(Target.KAFKA, Action.START)), Route.parse("/kafka/start"), "kafka");
    assertEquals(
        Optional.of(new Route(Target.POSTGRES, Action.STOP)),
        Route.parse("/postgres/stop"),
        "postgres stop");
    assertEquals(
        Optional.of(new Route(Target.POSTGRES, Action.START)),
        Route.parse("/postgres/start"),
        "postgres start");
  }

  @Test
  void onlyTheOnDemandServersHaveARole() {
    assertEquals(Optional.of("checker"), Target.server("checker3").onDemandRole(), "checker3");
    assertEquals(
        Optional.of("persister"), Target.server("persister2").onDemandRole(), "persister2");
    assertEquals(Optional.empty(), Target.CHECKER.onDemandRole(), "the stack's checker");
    assertEquals(Optional.empty(), Target.KAFKA.onDemandRole(), "Kafka");
  }

  @Test
  void routesPrintAsTheirPaths() {
    for (Target target :
        List.of(
            Target.CHECKER,
            Target.PERSISTER,
            Target.server("checker9"),
            Target.server("persister2"),
            Target.KAFKA,
            Target.POSTGRES)) {
      for (Action action : Action.values()) {
        if (target.isServer() || action != Action.KILL) {
          Route route = new Route(target, action);
          assertEquals(Optional.of(route), Route.parse(route.path()), "round trip of " + route);
        }
      }
    }
  }

  @Test
  void anythingElseIsNoRoute() {
    for (String path :
        List.of(
            "",
            "/",
            "/kafka",
            "/kafka/",
            "/kafka/stop/",
            "/kafka/kill",
            "/postgres/kill",
            "/kafka/restart",
            "/Kafka/stop",
            "/kafka/STOP",
            "//kafka/stop",
            "/x/kafka/stop",
            "kafka/stop",
            "/servers/stop",
            "/servers/checker",
            "/servers/checker/",
            "/servers/sitewatch-checker/stop",
            "/servers/kafka/stop",
            "/servers//stop",
            "/servers/checker/stop/now",
            "/servers/checker1/start",
            "/servers/checker10/start",
            "/servers/kafka2/stop")) {
      assertEquals(Optional.empty(), Route.parse(path), "no route for '" + path + "'");
    }
    assertEquals(Optional.empty(), Route.parse(null), "no route for no path");
  }

  @Test
  void postRunsTheOperationAndAnswers200WithItsText() {
    List<Route> performed = new ArrayList<>();
    ControlEndpoint endpoint =
        new ControlEndpoint(
            PORT,
            route -> {
              performed.add(route);
              return "Kafka stopped";
            });

    Reply reply = endpoint.reply("POST", "/kafka/stop", fromTest());

    assertEquals(200, reply.status(), "status");
    assertTrue(reply.text().startsWith("Kafka stopped ("), "text with the time: " + reply.text());
    assertEquals(List.of(new Route(Target.KAFKA, Action.STOP)), performed, "operations run");
  }

  @Test
  void unknownPathIs404AndOtherMethods405WithoutRunningAnything() {
    List<Route> performed = new ArrayList<>();
    ControlEndpoint endpoint = recording(performed);

    assertEquals(
        404, endpoint.reply("POST", "/kafka/restart", fromTest()).status(), "unknown path");
    assertEquals(404, endpoint.reply("GET", "/nothing", fromTest()).status(), "unknown path, GET");
    assertEquals(405, endpoint.reply("GET", "/kafka/stop", fromTest()).status(), "GET");
    assertEquals(405, endpoint.reply("PUT", "/servers/checker/kill", fromTest()).status(), "PUT");
    assertEquals(
        405,
        endpoint.reply("post", "/kafka/stop", fromTest()).status(),
        "methods are case-sensitive");
    assertEquals(0, performed.size(), "no operation run");
  }

  @Test
  void aServersStartTakesSitewatchVariablesFromTheQueryAndNothingElseDoes() {
    List<Route> performed = new ArrayList<>();
    ControlEndpoint endpoint = recording(performed);

    Reply started =
        endpoint.reply(
            "POST",
            "/servers/checker3/start",
            "SITEWATCH_LOCATION=second&SITEWATCH_CHECKER_ID=c3",
            fromTest());

    assertEquals(200, started.status(), "start with variables: " + started.text());
    assertEquals(
        List.of(
            new Route(
                Target.server("checker3"),
                Action.START,
                java.util.Map.of("SITEWATCH_LOCATION", "second", "SITEWATCH_CHECKER_ID", "c3"))),
        performed,
        "the variables reach the operation");
    assertEquals(
        400,
        endpoint.reply("POST", "/servers/checker3/start", "PATH=/tmp", fromTest()).status(),
        "only SITEWATCH_* and MP_MESSAGING_* variables");
    assertEquals(
        400,
        endpoint.reply("POST", "/kafka/start", "SITEWATCH_X=1", fromTest()).status(),
        "Kafka takes none");
    assertEquals(
        400,
        endpoint.reply("POST", "/servers/checker3/stop", "SITEWATCH_X=1", fromTest()).status(),
        "a stop takes none");
    assertEquals(1, performed.size(), "nothing else run");
  }

  @Test
  void conflictIs409AndFailureIs500WithTheMessage() {
    ControlEndpoint conflicting =
        new ControlEndpoint(
            PORT,
            route -> {
              throw new ControlEndpoint.Conflict("Kafka is not running");
            });
    ControlEndpoint failing =
        new ControlEndpoint(
            PORT,
            route -> {
              throw new IOException("port 29092 is still in use");
            });

    assertEquals(
        new Reply(409, "Kafka is not running"),
        conflicting.reply("POST", "/kafka/stop", fromTest()),
        "conflict");
    Reply failed = failing.reply("POST", "/kafka/stop", fromTest());
    assertEquals(500, failed.status(), "failure");
    assertTrue(failed.text().contains("port 29092 is still in use"), "message: " + failed.text());
  }

  @Test
  void afterCloseOperationsAre409() {
    List<Route> performed = new ArrayList<>();
    ControlEndpoint endpoint = recording(performed);

    endpoint.close();

    assertEquals(
        new Reply(409, "shutting down"),
        endpoint.reply("POST", "/postgres/start", fromTest()),
        "closed");
    assertEquals(0, performed.size(), "no operation run");
  }

  @Test
  void bothLoopbackNamesWithTheEndpointsPortAreAccepted() {
    List<Route> performed = new ArrayList<>();
    ControlEndpoint endpoint = recording(performed);

    for (String host : List.of("127.0.0.1:" + PORT, "localhost:" + PORT)) {
      assertEquals(
          200, endpoint.reply("POST", "/kafka/stop", headers("Host", host)).status(), host);
    }
    assertEquals(2, performed.size(), "both operations run");
  }

  @Test
  void anotherHostIs403AndRunsNothing() {
    List<Route> performed = new ArrayList<>();
    ControlEndpoint endpoint = recording(performed);

    for (Headers h :
        List.of(
            headers("Host", "evil.example:" + PORT),
            headers("Host", "127.0.0.1"),
            headers("Host", "localhost"),
            headers("Host", "127.0.0.1:" + (PORT + 1)),
            headers("Host", "127.0.0.2:" + PORT),
            headers("Host", "LOCALHOST.evil.example:" + PORT),
            headers("Host", "127.0.0.1:" + PORT, "Host", "evil.example:" + PORT),
            headers())) {
      Reply reply = endpoint.reply("POST", "/kafka/stop", h);
      assertEquals(403, reply.status(), "refused: " + h.get("Host"));
    }
    assertEquals(0, performed.size(), "no operation run");
  }

  @Test
  void anyOriginIs403AndRunsNothing() {
    List<Route> performed = new ArrayList<>();
    ControlEndpoint endpoint = recording(performed);

    for (String origin : List.of("http://evil.example", "null", "http://127.0.0.1:" + PORT)) {
      Headers h = headers("Host", "127.0.0.1:" + PORT, "Origin", origin);
      assertEquals(403, endpoint.reply("POST", "/kafka/stop", h).status(), "Origin " + origin);
    }
    assertEquals(0, performed.size(), "no operation run");
  }

  @Test
  void overHttpTheClientIsServedAndABrowsersRequestIsNot() throws Exception {
    int port;
    try (ServerSocket free = new ServerSocket(0)) {
      port = free.getLocalPort();
    }
    List<Route> performed = new ArrayList<>();
    try (ControlEndpoint endpoint =
        new ControlEndpoint(
            port,
            route -> {
              performed.add(route);
              return "done";
            })) {
      endpoint.start();

      String rebinding = rawPost(port, "Host: evil.example:" + port);
      String crossSite = rawPost(port, "Host: 127.0.0.1:" + port, "Origin: http://evil.example");
      assertTrue(rebinding.startsWith("HTTP/1.1 403"), "DNS rebinding: " + rebinding);
      assertTrue(crossSite.startsWith("HTTP/1.1 403"), "cross-site POST: " + crossSite);
      assertEquals(0, performed.size(), "no operation run for a browser");

      ControlClient.post(port, "kafka/stop");
      assertEquals(List.of(new Route(Target.KAFKA, Action.STOP)), performed, "client served");
    }
  }

  /** A POST of /kafka/stop with exactly these header lines; returns the status line. */
  private static String rawPost(int port, String... headerLines) throws IOException {
    try (Socket socket = new Socket("127.0.0.1", port)) {
      StringBuilder request = new StringBuilder("POST /kafka/stop HTTP/1.1\r\n");
      for (String line : headerLines) {
        request.append(line).append("\r\n");
      }
      request.append("Content-Length: 0\r\nConnection: close\r\n\r\n");
      OutputStream out = socket.getOutputStream();
      out.write(request.toString().getBytes(StandardCharsets.US_ASCII));
      out.flush();
      InputStream in = socket.getInputStream();
      String response = new String(in.readAllBytes(), StandardCharsets.US_ASCII);
      return response.lines().findFirst().orElse("");
    }
  }
}
