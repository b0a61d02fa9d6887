package org.sitewatch.systemtest;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs a command line tool to completion, its output kept in a file for the assertion messages. */
final class Processes {

  /** What a finished command did: its exit status and its output (stdout and stderr merged). */
  record Result(List<String> command, int exitCode, String output) {

    /** The output's last lines, for an assertion message. */
    String tail() {
      List<String> lines = output.lines().toList();
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size()));
    }

    String describe() {
      return String.join(" ", command) + " exited " + exitCode + ":\n" + tail();
    }
  }

  private Processes() {}

  static Result run(
      Path dir, Map<String, String> env, Path log, Duration timeout, List<String> command)
      throws IOException, InterruptedException {
    Files.createDirectories(log.getParent());
    ProcessBuilder builder =
        new ProcessBuilder(command)
            .directory(dir.toFile())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile());
    builder.environment().putAll(env);
    Process process = builder.start();
    if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
      process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      throw new IllegalStateException(
          String.join(" ", command) + " did not finish within " + timeout + "; output in " + log);
    }
    return new Result(command, process.exitValue(), Files.readString(log));
  }

  /** True when an executable of this name is on the PATH. */
  static boolean onPath(String executable) {
    return find(executable) != null;
  }

  /** The executable of this name on the PATH. */
  static Path which(String executable) {
    Path found = find(executable);
    if (found == null) {
      throw new IllegalStateException(executable + " is not on the PATH");
    }
    return found;
  }

  private static Path find(String executable) {
    for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
      if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, executable))) {
        return Path.of(dir, executable);
      }
    }
    return null;
  }
}
