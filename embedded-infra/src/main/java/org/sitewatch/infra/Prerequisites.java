package org.sitewatch.infra;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** What a {@link SupervisedStack} needs before it starts anything. */
final class Prerequisites {

  private Prerequisites() {}

  /**
   * Checks the Liberty install, both servers, the sites file and the servers' ports.
   *
   * @throws IllegalStateException with a message that says what to do
   */
  static void check(Path wlp, StackPlan plan) {
    Map<String, String> env = System.getenv();
    Path script = LibertyServer.serverScript(wlp);
    if (!Files.isExecutable(script)) {
      throw new IllegalStateException(
          "No Liberty at "
              + wlp
              + " ("
              + script
              + " missing). Build the servers first (./mvnw package) or point --wlp at a"
              + " Liberty install that has them.");
    }
    for (String name : List.of(SupervisedStack.CHECKER, SupervisedStack.PERSISTER)) {
      Path serverXml = LibertyServer.serverDir(wlp, env, name).resolve("server.xml");
      if (!Files.isRegularFile(serverXml)) {
        throw new IllegalStateException(
            "Liberty server " + name + " not found (" + serverXml + "): build it first.");
      }
    }
    Optional<Path> sites = plan.sitesFile(env);
    if (sites.isPresent() && !Files.isRegularFile(sites.get())) {
      throw new IllegalStateException(
          "Sites file "
              + sites.get()
              + " not found: create it, or pass --sites-file FILE (or set "
              + StackPlan.SITES_FILE
              + ").");
    }
    for (int port : plan.libertyPorts()) {
      if (!Ports.isFree(port)) {
        throw new IllegalStateException(
            "Port "
                + port
                + " is in use: is a Sitewatch server from an earlier run still up? Stop it ("
                + script
                + " stop "
                + SupervisedStack.CHECKER
                + " / "
                + SupervisedStack.PERSISTER
                + ") or choose other ports.");
      }
    }
  }
}
