package org.sitewatch.teststack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.sitewatch.teststack.ControlEndpoint.Action;
import org.sitewatch.teststack.ControlEndpoint.Reply;
import org.sitewatch.teststack.ControlEndpoint.Route;
import org.sitewatch.teststack.ControlEndpoint.Target;

class ControlEndpointTest {

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
        Optional.of(new Route(Target.PERSISTER2, Action.START)),
        Route.parse("/servers/persister2/start"),
        "second persister start");
    assertEquals(
        Optional.of(new Route(Target.PERSISTER2, Action.KILL)),
        Route.parse("/servers/persister2/kill"),
        "second persister kill");
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
  void routesPrintAsTheirPaths() {
    for (Target target : Target.values()) {
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
            "/servers/checker/stop/now")) {
      assertEquals(Optional.empty(), Route.parse(path), "no route for '" + path + "'");
    }
    assertEquals(Optional.empty(), Route.parse(null), "no route for no path");
  }

  @Test
  void postRunsTheOperationAndAnswers200WithItsText() {
    List<Route> performed = new ArrayList<>();
    ControlEndpoint endpoint =
        new ControlEndpoint(
            route -> {
              performed.add(route);
              return "Kafka stopped";
            });

    Reply reply = endpoint.reply("POST", "/kafka/stop");

    assertEquals(200, reply.status(), "status");
    assertTrue(reply.text().startsWith("Kafka stopped ("), "text with the time: " + reply.text());
    assertEquals(List.of(new Route(Target.KAFKA, Action.STOP)), performed, "operations run");
  }

  @Test
  void unknownPathIs404AndOtherMethods405WithoutRunningAnything() {
    List<Route> performed = new ArrayList<>();
    ControlEndpoint endpoint =
        new ControlEndpoint(
            route -> {
              performed.add(route);
              return "done";
            });

    assertEquals(404, endpoint.reply("POST", "/kafka/restart").status(), "unknown path");
    assertEquals(404, endpoint.reply("GET", "/nothing").status(), "unknown path, GET");
    assertEquals(405, endpoint.reply("GET", "/kafka/stop").status(), "GET");
    assertEquals(405, endpoint.reply("PUT", "/servers/checker/kill").status(), "PUT");
    assertEquals(405, endpoint.reply("post", "/kafka/stop").status(), "methods are case-sensitive");
    assertEquals(0, performed.size(), "no operation run");
  }

  @Test
  void conflictIs409AndFailureIs500WithTheMessage() {
    ControlEndpoint conflicting =
        new ControlEndpoint(
            route -> {
              throw new ControlEndpoint.Conflict("Kafka is not running");
            });
    ControlEndpoint failing =
        new ControlEndpoint(
            route -> {
              throw new IOException("port 29092 is still in use");
            });

    assertEquals(
        new Reply(409, "Kafka is not running"),
        conflicting.reply("POST", "/kafka/stop"),
        "conflict");
    Reply failed = failing.reply("POST", "/kafka/stop");
    assertEquals(500, failed.status(), "failure");
    assertTrue(failed.text().contains("port 29092 is still in use"), "message: " + failed.text());
  }

  @Test
  void afterCloseOperationsAre409() {
    List<Route> performed = new ArrayList<>();
    ControlEndpoint endpoint =
        new ControlEndpoint(
            route -> {
              performed.add(route);
              return "done";
            });

    endpoint.close();

    assertEquals(
        new Reply(409, "shutting down"), endpoint.reply("POST", "/postgres/start"), "closed");
    assertEquals(0, performed.size(), "no operation run");
  }
}
