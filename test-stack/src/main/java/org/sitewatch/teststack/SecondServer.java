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
 * The on-demand second persister ({@code --second-persister-http-port} and {@code
 * --second-persister-https-port}): a copy of the persister's server directory (its configuration
 * and application, not its logs or work area) under another name, with its own ports and otherwise
 * the persister's environment, so it joins the same consumer group.
 */
final class SecondPersister {

  /** Its Liberty server name. */
  private static final String NAME = "sitewatch-persister-2";

  private final SupervisedStack stack;
  private final Optional<List<Integer>> ports;

  /**
   * @param ports its HTTP and HTTPS ports; empty when the launcher was given none
   */
  SecondPersister(SupervisedStack stack, Optional<List<Integer>> ports) {
    this.stack = stack;
    this.ports = ports;
  }

  /** The first start; later ones go through the server the stack then supervises. */
  String start(String label) throws Exception {
    if (ports.isEmpty()) {
      throw new ControlEndpoint.Conflict(
          "no second persister: start the launcher with --second-persister-http-port and"
              + " --second-persister-https-port");
    }
    int httpPort = ports.get().get(0);
    if (!Ports.isFree(httpPort)) {
      throw new ControlEndpoint.Conflict(
          label + "'s HTTP port " + httpPort + " is in use by something else");
    }
    copyServerDir();
    Map<String, String> env = new LinkedHashMap<>(stack.plan().persisterEnvironment());
    env.put(StackPlan.HTTP_PORT, Integer.toString(httpPort));
    env.put(StackPlan.HTTPS_PORT, Integer.toString(ports.get().get(1)));
    stack.startServer(label, NAME, env, httpPort);
    return label + " started as " + NAME + " on port " + httpPort;
  }

  private void copyServerDir() throws IOException {
    Map<String, String> env = System.getenv();
    Path original = LibertyServer.serverDir(stack.wlp(), env, SupervisedStack.PERSISTER);
    Path copy = LibertyServer.serverDir(stack.wlp(), env, NAME);
    Directories.deleteRecursively(copy);
    Directories.copyTree(original, copy, LibertyServer::isRuntimeState);
  }
}
