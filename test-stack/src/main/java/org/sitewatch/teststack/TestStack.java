package org.sitewatch.teststack;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.sitewatch.infra.CommandLine;
import org.sitewatch.infra.InfraOptions;
import org.sitewatch.infra.Ports;
import org.sitewatch.infra.StackExtension;
import org.sitewatch.infra.StackOptions;
import org.sitewatch.infra.StackPlan;
import org.sitewatch.infra.SupervisedStack;

/**
 * The quick start's stack with the test harness around it, for the system tests and the benchmarks:
 * the options of {@code org.sitewatch.infra.LocalStack}, plus
 *
 * <pre>
 *     [--extra-config FILE] [--control-port N]
 *     [--more-checkers HTTP:HTTPS[,HTTP:HTTPS…]] [--more-persisters HTTP:HTTPS[,HTTP:HTTPS…]]
 * </pre>
 *
 * <p>{@code --control-port N}: an HTTP endpoint on {@code 127.0.0.1:N} (loopback only, no
 * authentication) through which a test stops, starts or kills a Liberty server and stops or starts
 * the embedded Kafka or PostgreSQL, on the same ports and data (see {@link ControlEndpoint} for the
 * requests). A server stopped or killed that way is not an unexpected exit; whatever is running at
 * Ctrl-C is stopped as usual. Without the option there is no endpoint.
 *
 * <p>{@code --more-checkers}, {@code --more-persisters}: the ports of more checkers in the same
 * checker group ({@code checker2}, {@code checker3}, …) and more persisters in the same consumer
 * group ({@code persister2}, …), which the control endpoint starts on demand ({@link
 * OnDemandServer}).
 *
 * <p>{@code --extra-config FILE}: see {@link ExtraConfig}.
 */
public final class TestStack implements StackExtension {

  /** Longer than any control operation takes: they are all bounded (Kafka's start by 60 s). */
  private static final Duration CONTROL_WAIT = Duration.ofSeconds(90);

  static final Set<String> VALUE_OPTIONS =
      Set.of("extra-config", "control-port", "more-checkers", "more-persisters");

  static final String USAGE =
      String.join(
          "\n",
          "Usage: java -cp ... org.sitewatch.teststack.TestStack [options]",
          "Runs Kafka, PostgreSQL and both Sitewatch Liberty servers until Ctrl-C, with test support.",
          StackOptions.USAGE,
          "Test support:",
          "  --extra-config FILE        Liberty config fragment added to both servers for this run",
          "  --control-port N           fault injection: HTTP on 127.0.0.1:N to stop, start or kill",
          "                             the servers and stop or start the embedded Kafka and",
          "                             PostgreSQL (POST /servers/{checker|persister}/",
          "                             {stop|start|kill}, /kafka/{stop|start},"
              + " /postgres/{stop|start})",
          "  --more-checkers H:S[,H:S…]  HTTP and HTTPS ports of more checkers in the same",
          "                             checker group, which the control endpoint starts on demand",
          "                             (POST /servers/checker2/start, checker3, …)",
          "  --more-persisters H:S[,H:S…]  likewise, more persisters in the same consumer group",
          "                             (POST /servers/persister2/start, …)");

  private final Optional<ExtraConfig> extraConfig;
  private final Optional<Integer> controlPort;
  private final Optional<ControlEndpoint> control;
  private final List<OnDemandServer> onDemand;

  private TestStack(
      Optional<ExtraConfig> extraConfig,
      List<OnDemandServer> onDemand,
      Optional<Integer> controlPort,
      Optional<ControlEndpoint> control) {
    this.extraConfig = extraConfig;
    this.onDemand = onDemand;
    this.controlPort = controlPort;
    this.control = control;
  }

  public static void main(String[] args) throws InterruptedException {
    SupervisedStack.launch(args, USAGE, VALUE_OPTIONS, TestStack::around);
  }

  private static TestStack around(CommandLine cl, SupervisedStack stack)
      throws CommandLine.UsageException {
    Path cwd = Path.of("").toAbsolutePath();
    Optional<ExtraConfig> extra =
        cl.path("extra-config").map(p -> new ExtraConfig(cwd.resolve(p).normalize(), stack.wlp()));
    List<OnDemandServer> onDemand = new ArrayList<>();
    for (OnDemandServer.Role role : OnDemandServer.Role.values()) {
      List<List<Integer>> ports = morePorts(cl, role.word());
      for (int i = 0; i < ports.size(); i++) {
        onDemand.add(
            new OnDemandServer(stack, role, i + 2, ports.get(i).get(0), ports.get(i).get(1)));
      }
    }
    Optional<Integer> port = controlPort(cl, stack.options(), stack.plan());
    return new TestStack(
        extra,
        onDemand,
        port,
        port.map(p -> new ControlEndpoint(p, new FaultOperations(stack, onDemand))));
  }

  /**
   * {@code --control-port}, if given: a port none of the parts this launcher starts uses.
   *
   * @throws CommandLine.UsageException if it is not a port number or is taken by another part
   */
  static Optional<Integer> controlPort(CommandLine cl, InfraOptions options, StackPlan plan)
      throws CommandLine.UsageException {
    if (!cl.has("control-port")) {
      return Optional.empty();
    }
    int port = cl.port("control-port", 0);
    Map<Integer, String> taken = new HashMap<>();
    List<Integer> liberty = plan.libertyPorts();
    taken.put(liberty.get(0), "the checker's HTTP port");
    taken.put(liberty.get(1), "the checker's HTTPS port");
    taken.put(liberty.get(2), "the persister's HTTP port");
    taken.put(liberty.get(3), "the persister's HTTPS port");
    if (plan.embeddedKafka()) {
      taken.put(options.kafkaPort(), "Kafka");
      if (options.kafkaControllerPort() != InfraOptions.ANY_FREE_PORT) {
        taken.put(options.kafkaControllerPort(), "the Kafka controller");
      }
    }
    if (plan.embeddedPostgres()) {
      taken.put(plan.postgresPort(), "PostgreSQL");
    }
    if (taken.containsKey(port)) {
      throw new CommandLine.UsageException(
          "--control-port " + port + " is already " + taken.get(port));
    }
    return Optional.of(port);
  }

  /**
   * {@code --more-<role>s HTTP:HTTPS[,HTTP:HTTPS…]}, if given: the ports of the on-demand checkers
   * or persisters, the second one's first; at most 8.
   *
   * @throws CommandLine.UsageException if an entry is not two port numbers
   */
  static List<List<Integer>> morePorts(CommandLine cl, String role)
      throws CommandLine.UsageException {
    String option = "more-" + role + "s";
    Optional<String> value = cl.value(option);
    if (value.isEmpty()) {
      return List.of();
    }
    List<List<Integer>> ports = new ArrayList<>();
    for (String entry : value.get().split(",", -1)) {
      String[] pair = entry.trim().split(":");
      if (pair.length != 2) {
        throw new CommandLine.UsageException(
            "--" + option + ": '" + entry + "' is not HTTP_PORT:HTTPS_PORT");
      }
      try {
        ports.add(
            List.of(Ports.parse(pair[0], "--" + option), Ports.parse(pair[1], "--" + option)));
      } catch (IllegalArgumentException e) {
        throw new CommandLine.UsageException(e.getMessage());
      }
    }
    if (ports.size() > 8) {
      throw new CommandLine.UsageException(
          "--" + option + ": at most 8 (" + role + "2 to " + role + "9)");
    }
    return ports;
  }

  @Override
  public void checkPrerequisites() {
    extraConfig.ifPresent(ExtraConfig::checkExists);
    if (controlPort.isPresent() && !Ports.isFree(controlPort.get())) {
      throw new IllegalStateException(
          "Port "
              + controlPort.get()
              + " (--control-port) is in use: is an earlier run still up? Stop it or choose"
              + " another port.");
    }
  }

  @Override
  public void beforeServersStart() throws Exception {
    if (extraConfig.isPresent()) {
      extraConfig.get().install();
    }
    for (OnDemandServer server : onDemand) {
      server.removeEarlierCopy();
    }
  }

  @Override
  public void afterServersStart() throws Exception {
    if (control.isPresent()) {
      control.get().start();
    }
  }

  /** A control operation in progress ends first: what it started is then stopped with the rest. */
  @Override
  public void beforeServersStop() {
    control.ifPresent(c -> c.close(CONTROL_WAIT));
  }

  @Override
  public void afterServersStop() {
    extraConfig.ifPresent(ExtraConfig::remove);
  }
}
