package org.sitewatch.teststack;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.sitewatch.infra.Directories;
import org.sitewatch.infra.LibertyServer;
import org.sitewatch.infra.Ports;
import org.sitewatch.infra.StackPlan;
import org.sitewatch.infra.SupervisedStack;

/**
 * An on-demand second checker or persister ({@code --second-checker-http-port} and {@code
 * --second-checker-https-port}, likewise for the persister): a copy of the first's server directory
 * (its configuration and application, not its logs or work area) under another name, with its own
 * ports and otherwise the first's environment, so it joins the same consumer group: a second
 * persister shares the results, a second checker the sites.
 */
final class SecondServer {

  /** Which of the stack's servers it doubles. */
  enum Role {
    CHECKER(SupervisedStack.CHECKER),
    PERSISTER(SupervisedStack.PERSISTER);

    private final String original;

    Role(String original) {
      this.original = original;
    }

    /** {@code checker}, {@code persister}: as in the command line's option names. */
    String word() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }

    /** Its Liberty server name. */
    String serverName() {
      return original + "-2";
    }

    Map<String, String> environment(StackPlan plan) {
      return this == CHECKER ? plan.checkerEnvironment() : plan.persisterEnvironment();
    }
  }

  private final SupervisedStack stack;
  private final Role role;
  private final Optional<List<Integer>> ports;

  /**
   * @param ports its HTTP and HTTPS ports; empty when the launcher was given none
   */
  SecondServer(SupervisedStack stack, Role role, Optional<List<Integer>> ports) {
    this.stack = stack;
    this.role = role;
    this.ports = ports;
  }

  /** The first start; later ones go through the server the stack then supervises. */
  String start(String label) throws Exception {
    if (ports.isEmpty()) {
      throw new ControlEndpoint.Conflict(
          "no second "
              + role.word()
              + ": start the launcher with --second-"
              + role.word()
              + "-http-port and --second-"
              + role.word()
              + "-https-port");
    }
    int httpPort = ports.get().get(0);
    if (!Ports.isFree(httpPort)) {
      throw new ControlEndpoint.Conflict(
          label + "'s HTTP port " + httpPort + " is in use by something else");
    }
    copyServerDir();
    Map<String, String> env = new LinkedHashMap<>(role.environment(stack.plan()));
    env.put(StackPlan.HTTP_PORT, Integer.toString(httpPort));
    env.put(StackPlan.HTTPS_PORT, Integer.toString(ports.get().get(1)));
    stack.startServer(label, role.serverName(), env, httpPort);
    return label + " started as " + role.serverName() + " on port " + httpPort;
  }

  private void copyServerDir() throws IOException {
    Map<String, String> env = System.getenv();
    Path original = LibertyServer.serverDir(stack.wlp(), env, role.original);
    Path copy = LibertyServer.serverDir(stack.wlp(), env, role.serverName());
    Directories.deleteRecursively(copy);
    Directories.copyTree(original, copy, LibertyServer::isRuntimeState);
  }
}
