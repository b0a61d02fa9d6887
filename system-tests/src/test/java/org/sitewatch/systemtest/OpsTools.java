package org.sitewatch.systemtest;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The Debian packages the tests use, installed with apt-get when missing, as CI runs the build as
 * root on a fresh Debian machine: the deployment tools (ansible, ansible-lint, docker-compose) and
 * the browser (chromium, chromium-driver).
 */
final class OpsTools {

  /** What the deployment tests run: command -> the Debian package that provides it. */
  private static final Map<String, String> DEPLOYMENT =
      Map.of(
          "ansible-playbook", "ansible",
          "ansible-vault", "ansible",
          "ansible-lint", "ansible-lint",
          "docker-compose", "docker-compose");

  /** What the browser tests run: Debian's Chromium and its WebDriver. */
  private static final Map<String, String> BROWSER =
      Map.of(
          "chromium", "chromium",
          "chromedriver", "chromium-driver");

  private static final Set<String> checked = new HashSet<>();

  private OpsTools() {}

  /** The deployment tools. */
  static void ensureInstalled() throws Exception {
    ensureInstalled("deployment tools", DEPLOYMENT);
  }

  /** Headless Chromium and chromedriver, for Selenium. */
  static void ensureBrowserInstalled() throws Exception {
    ensureInstalled("browser", BROWSER);
  }

  private static synchronized void ensureInstalled(String what, Map<String, String> commands)
      throws Exception {
    if (checked.contains(what)) {
      return;
    }
    Map<String, String> missing = new LinkedHashMap<>();
    commands.forEach(
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
      String slug = what.replace(' ', '-');
      Path logs = Path.of(System.getProperty("ops.tools.log.dir", "target/ops-tools"));
      Map<String, String> env = Map.of("DEBIAN_FRONTEND", "noninteractive");
      Processes.Result update =
          Processes.run(
              Path.of("."),
              env,
              logs.resolve("apt-get-update-" + slug + ".log"),
              Duration.ofMinutes(5),
              List.of("apt-get", "update", "-q"));
      check(what, update);
      Processes.Result install =
          Processes.run(
              Path.of("."),
              env,
              logs.resolve("apt-get-install-" + slug + ".log"),
              Duration.ofMinutes(10),
              concat(
                  List.of("apt-get", "install", "-y", "-q", "--no-install-recommends"), packages));
      check(what, install);
    }
    checked.add(what);
  }

  private static void check(String what, Processes.Result result) {
    if (result.exitCode() != 0) {
      throw new IllegalStateException("Installing the " + what + " failed: " + result.describe());
    }
  }

  private static List<String> concat(List<String> a, List<String> b) {
    return java.util.stream.Stream.concat(a.stream(), b.stream()).toList();
  }
}
