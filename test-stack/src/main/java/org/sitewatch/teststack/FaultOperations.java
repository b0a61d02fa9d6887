package org.sitewatch.teststack;

import java.io.IOException;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.sitewatch.infra.EmbeddedInfra;
import org.sitewatch.infra.EmbeddedKafka;
import org.sitewatch.infra.EmbeddedPostgres;
import org.sitewatch.infra.LibertyServer;
import org.sitewatch.infra.Ports;
import org.sitewatch.infra.StackPlan;
import org.sitewatch.infra.SupervisedStack;

/** What the control endpoint's routes do to a running stack; one at a time (it serialises them). */
final class FaultOperations implements ControlEndpoint.Operations {

  private static final Duration KILL_WAIT = Duration.ofSeconds(10);

  private final SupervisedStack stack;
  private final Map<String, OnDemandServer> onDemand = new HashMap<>();

  FaultOperations(SupervisedStack stack, List<OnDemandServer> onDemand) {
    this.stack = stack;
    onDemand.forEach(server -> this.onDemand.put(server.label(), server));
  }

  @Override
  public String perform(ControlEndpoint.Route route) throws Exception {
    if (stack.isStopping()) {
      throw new ControlEndpoint.Conflict("shutting down");
    }
    ControlEndpoint.Target target = route.target();
    if (target.isServer()) {
      OnDemandServer more = onDemand.get(target.label());
      if (more != null && route.action() == ControlEndpoint.Action.START) {
        return more.start(route.environment());
      }
      if (!route.environment().isEmpty()) {
        throw new ControlEndpoint.Conflict(
            target.label() + " takes no variables: only the on-demand servers do");
      }
      Optional<LibertyServer> server = stack.server(target.label());
      if (server.isEmpty() && target.onDemandRole().isPresent()) {
        throw new ControlEndpoint.Conflict(
            "no "
                + target.label()
                + ": start the launcher with --more-"
                + target.onDemandRole().get()
                + "s giving its ports");
      }
      if (server.isEmpty()) {
        throw new ControlEndpoint.Conflict(target.label() + " was never started");
      }
      return performOnServer(server.get(), route.action());
    }
    StackPlan plan = stack.plan();
    if (target == ControlEndpoint.Target.KAFKA) {
      if (!plan.embeddedKafka()) {
        throw new ControlEndpoint.Conflict(
            "Kafka is not embedded (" + StackPlan.KAFKA_BOOTSTRAP + " is set)");
      }
      return route.action() == ControlEndpoint.Action.STOP ? stopKafka() : startKafka();
    }
    if (!plan.embeddedPostgres()) {
      throw new ControlEndpoint.Conflict(
          "PostgreSQL is not embedded (" + StackPlan.DB_HOST + " is set)");
    }
    return route.action() == ControlEndpoint.Action.STOP ? stopPostgres() : startPostgres();
  }

  private static String performOnServer(LibertyServer server, ControlEndpoint.Action action)
      throws Exception {
    String label = server.label();
    switch (action) {
      case STOP -> {
        if (!server.isRunning()) {
          throw new ControlEndpoint.Conflict(label + " is not running");
        }
        server.stop(SupervisedStack.STOP_WAIT, SupervisedStack.EXIT_WAIT);
        return label + " stopped";
      }
      case KILL -> {
        long killed =
            server.pid().orElseThrow(() -> new ControlEndpoint.Conflict(label + " is not running"));
        server.kill(KILL_WAIT);
        return label + " killed, pid " + killed;
      }
      case START -> {
        if (server.isRunning()) {
          throw new ControlEndpoint.Conflict(label + " is already running");
        }
        if (!Ports.isFree(server.httpPort())) {
          throw new ControlEndpoint.Conflict(
              label + "'s HTTP port " + server.httpPort() + " is in use by something else");
        }
        return label + " started, pid " + server.start();
      }
      default -> throw new IllegalArgumentException("no " + action + " for servers");
    }
  }

  private String stopKafka() throws Exception {
    return stopped("Kafka", stack.infra().stopKafka(), stack.options().kafkaPort());
  }

  private String startKafka() throws Exception {
    EmbeddedInfra infra = stack.infra();
    if (infra.kafka().isPresent()) {
      throw new ControlEndpoint.Conflict("Kafka is already running");
    }
    EmbeddedKafka kafka =
        infra.startKafka(
            stack.options().kafkaPort(),
            stack.options().kafkaControllerPort(),
            stack.options().dataDir(),
            false);
    return "Kafka started on " + kafka.bootstrapServers();
  }

  private String stopPostgres() throws Exception {
    return stopped("PostgreSQL", stack.infra().stopPostgres(), stack.plan().postgresPort());
  }

  /** The answer to a stop: refused if {@code what} was not running, failed if its port is taken. */
  private static String stopped(String what, boolean wasRunning, int port) throws Exception {
    if (!wasRunning) {
      throw new ControlEndpoint.Conflict(what + " is not running");
    }
    if (!Ports.isFree(port)) {
      throw new IOException(what + " stopped, but port " + port + " is still in use");
    }
    return what + " stopped";
  }

  private String startPostgres() throws Exception {
    EmbeddedInfra infra = stack.infra();
    if (infra.postgres().isPresent()) {
      throw new ControlEndpoint.Conflict("PostgreSQL is already running");
    }
    StackPlan plan = stack.plan();
    EmbeddedPostgres pg =
        infra.startPostgres(
            plan.postgresPort(),
            stack.options().dataDir(),
            false,
            plan.ownerPassword(),
            plan.appPassword());
    return "PostgreSQL started on " + pg.host() + ":" + pg.port();
  }
}
