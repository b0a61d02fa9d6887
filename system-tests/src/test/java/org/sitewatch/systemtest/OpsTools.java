package org.sitewatch.systemtest;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The Debian packages the deployment tests use (ansible, ansible-lint, docker-compose), installed
 * with apt-get when missing, as CI runs the build as root on a fresh Debian machine.
 */
final class OpsTools {

  /** Command -> the Debian package that provides it. */
  private static final Map<String, String> PACKAGES =
      Map.of(
          "ansible-playbook", "ansible",
          "ansible-vault", "ansible",
          "ansible-lint", "ansible-lint",
          "docker-compose", "docker-compose");

  private static boolean checked;

  private OpsTools() {}

  static synchronized void ensureInstalled() throws Exception {
    if (checked) {
      return;
    }
    Map<String, String> missing = new LinkedHashMap<>();
    PACKAGES.forEach(
        (command, pkg) -> {
          if (!Processes.onPath(command)) {
            missing.put(command, pkg);
          }
        });
    if (!missing.isEmpty()) {
      List<String> packages = missing.values().stream().distinct().sorted().toList();
      if (!"root".equals(System.getProperty("user.name"))) {
        throw new IllegalStateException(
            "Missing "
                + String.join(", ", missing.keySet())
                + ": install the Debian packages (sudo apt-get install "
                + String.join(" ", packages)
                + ") or run the build as root, which installs them.");
      }
      Path logs = Path.of(System.getProperty("ops.tools.log.dir", "target/ops-tools"));
      Map<String, String> env = Map.of("DEBIAN_FRONTEND", "noninteractive");
      Processes.Result update =
          Processes.run(
              Path.of("."),
              env,
              logs.resolve("apt-get-update.log"),
              Duration.ofMinutes(5),
              List.of("apt-get", "update", "-q"));
      check(update);
      Processes.Result install =
          Processes.run(
              Path.of("."),
              env,
              logs.resolve("apt-get-install.log"),
              Duration.ofMinutes(10),
              concat(
                  List.of("apt-get", "install", "-y", "-q", "--no-install-recommends"), packages));
      check(install);
    }
    checked = true;
  }

  private static void check(Processes.Result result) {
    if (result.exitCode() != 0) {
      throw new IllegalStateException(
          "Installing the deployment tools failed: " + result.describe());
    }
  }

  private static List<String> concat(List<String> a, List<String> b) {
    return java.util.stream.Stream.concat(a.stream(), b.stream()).toList();
  }
}
