package org.sitewatch.teststack;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.sitewatch.infra.Directories;
import org.sitewatch.infra.LibertyServer;
import org.sitewatch.infra.Ports;
import org.sitewatch.infra.StackPlan;
import org.sitewatch.infra.SupervisedStack;

/**
 * One more checker or persister ({@code --more-checkers}, {@code --more-persisters}), started only
 * on demand: a copy of the stack's server directory (its configuration and application, not its
 * logs or work area) under another name, with its own ports and otherwise the stack server's
 * environment, so it joins the same consumer group: another persister shares the results, another
 * checker the sites. An earlier run's copy is removed before the stack's servers start, and the
 * copy is made at the first start, beside any configuration drop-in a test put in its directory
 * before; each start adds its own variables.
 */
final class OnDemandServer {

  /** Which of the stack's servers it doubles. */
  enum Role {
    CHECKER(SupervisedStack.CHECKER),
    PERSISTER(SupervisedStack.PERSISTER);

    private final String original;

    Role(String original) {
      this.original = original;
    }

    /** {@code checker}, {@code persister}: as in labels and option names. */
    String word() {
      return name().toLowerCase(Locale.ROOT);
    }

    Map<String, String> environment(StackPlan plan) {
      return this == CHECKER ? plan.checkerEnvironment() : plan.persisterEnvironment();
    }
  }

  private final SupervisedStack stack;
  private final Role role;
  private final int number;
  private final int httpPort;
  private final int httpsPort;

  /** Later starts keep the copy: a test may have changed its configuration drop-in. */
  private boolean copied;

  /**
   * @param number 2 for the second of its role, 3 for the third, …
   */
  OnDemandServer(SupervisedStack stack, Role role, int number, int httpPort, int httpsPort) {
    this.stack = stack;
    this.role = role;
    this.number = number;
    this.httpPort = httpPort;
    this.httpsPort = httpsPort;
  }

  /** {@code checker2}, {@code persister3}: its control endpoint name. */
  String label() {
    return role.word() + number;
  }

  /** Its Liberty server name. */
  String serverName() {
    return role.original + "-" + number;
  }

  String start(Map<String, String> variables) throws Exception {
    Optional<LibertyServer> running = stack.server(label()).filter(LibertyServer::isRunning);
    if (running.isPresent()) {
      throw new ControlEndpoint.Conflict(label() + " is already running");
    }
    if (!Ports.isFree(httpPort)) {
      throw new ControlEndpoint.Conflict(
          label() + "'s HTTP port " + httpPort + " is in use by something else");
    }
    if (!copied) {
      copyServerDir();
      copied = true;
    }
    Map<String, String> env = new LinkedHashMap<>(role.environment(stack.plan()));
    env.put(StackPlan.HTTP_PORT, Integer.toString(httpPort));
    env.put(StackPlan.HTTPS_PORT, Integer.toString(httpsPort));
    env.putAll(variables);
    stack.startServer(label(), serverName(), env, httpPort);
    return label()
        + " started as "
        + serverName()
        + " on port "
        + httpPort
        + (variables.isEmpty() ? "" : " with " + variables);
  }

  /** So that the first start copies this run's server, not one an earlier run left. */
  void removeEarlierCopy() throws IOException {
    Directories.deleteRecursively(copyDir());
  }

  private void copyServerDir() throws IOException {
    Path original = LibertyServer.serverDir(stack.wlp(), System.getenv(), role.original);
    Directories.copyTree(original, copyDir(), LibertyServer::isRuntimeState);
  }

  private Path copyDir() {
    return LibertyServer.serverDir(stack.wlp(), System.getenv(), serverName());
  }
}
