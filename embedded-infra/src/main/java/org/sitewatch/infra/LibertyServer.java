package org.sitewatch.infra;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.IntConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One Liberty server run as a child process with {@code <wlp>/bin/server run <name>}, its output
 * relayed line by line with a prefix such as {@code [checker] }.
 *
 * <p>On Linux the child runs in a session of its own ({@code setsid}), so that Ctrl-C in the
 * terminal reaches only the launcher, which then stops the servers in order with {@code server
 * stop}. Without that, the terminal would signal the servers at the same moment and the launcher
 * could not tell a Ctrl-C from a crash.
 *
 * <p>Just over 300 lines: launching, relaying the output, stopping and killing are one child
 * process's life cycle and share its state.
 */
public final class LibertyServer {

  private static final Logger LOG = LoggerFactory.getLogger(LibertyServer.class);
  private static final Set<String> RUNTIME_STATE = Set.of("logs", "workarea", "tranlog");
  private static final boolean WINDOWS =
      System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("windows");
  private static final Path SETSID =
      List.of(Path.of("/usr/bin/setsid"), Path.of("/bin/setsid")).stream()
          .filter(Files::isExecutable)
          .findFirst()
          .orElse(null);

  private final String label;
  private final String name;
  private final Path wlp;
  private final Map<String, String> environment;
  private final int httpPort;
  private final IntConsumer unexpectedExit;
  private final List<Thread> relays = new ArrayList<>();
  private final StartFailure startFailure = new StartFailure();
  private volatile Launch current;

  /** One {@code server run} process, and whether its end was asked for. */
  private static final class Launch {
    final Process process;
    volatile boolean exitExpected;

    Launch(Process process) {
      this.process = process;
    }
  }

  /**
   * @param label short name for the output prefix and messages ({@code checker})
   * @param name the Liberty server name ({@code sitewatch-checker})
   * @param environment variables added to the inherited environment
   * @param unexpectedExit told the exit status when a process launched by {@link #start} ends
   *     without {@link #stop} or {@link #kill} having been called for it
   */
  LibertyServer(
      String label,
      String name,
      Path wlp,
      Map<String, String> environment,
      int httpPort,
      IntConsumer unexpectedExit) {
    this.label = label;
    this.name = name;
    this.wlp = wlp;
    this.environment = Map.copyOf(environment);
    this.httpPort = httpPort;
    this.unexpectedExit = unexpectedExit;
  }

  public String label() {
    return label;
  }

  public String name() {
    return name;
  }

  public int httpPort() {
    return httpPort;
  }

  /**
   * The problems printed by an application of the running server that failed to start, if one did.
   */
  Optional<List<String>> applicationFailure() {
    return startFailure.report(System.nanoTime());
  }

  String healthUrl() {
    return "http://localhost:" + httpPort + "/health/ready";
  }

  static Path serverScript(Path wlp) {
    return wlp.resolve("bin").resolve(WINDOWS ? "server.bat" : "server");
  }

  /**
   * Whether {@code relative}, a path in a server's directory, lies in what the running server
   * writes (its logs, work area and transaction logs) rather than in its configuration and
   * applications: a copy of the server leaves those out.
   */
  public static boolean isRuntimeState(Path relative) {
    return RUNTIME_STATE.contains(relative.getName(0).toString());
  }

  /** The server's directory: under {@code WLP_USER_DIR} if set, else {@code <wlp>/usr}. */
  public static Path serverDir(Path wlp, Map<String, String> env, String name) {
    String userDir = env.get("WLP_USER_DIR");
    Path usr = userDir == null || userDir.isBlank() ? wlp.resolve("usr") : Path.of(userDir);
    return usr.resolve("servers").resolve(name);
  }

  /**
   * Launches {@code server run <name>} with this server's environment; returns once the process is
   * there (not when the server is ready). May be called again after {@link #stop} or {@link #kill},
   * with the same environment.
   *
   * @return the pid of the launched process
   * @throws IllegalStateException if the process launched before is still running
   */
  public synchronized long start() throws IOException {
    if (isRunning()) {
      throw new IllegalStateException(name + " is already running");
    }
    List<String> command = new ArrayList<>();
    if (SETSID != null) {
      command.add(SETSID.toString());
    }
    command.add(serverScript(wlp).toString());
    command.add("run");
    command.add(name);
    startFailure.reset();
    Launch launch = new Launch(launch(command));
    current = launch;
    launch
        .process
        .onExit()
        .thenAccept(
            p -> {
              if (!launch.exitExpected) {
                unexpectedExit.accept(p.exitValue());
              }
            });
    LOG.info("Started {} (pid {}): {}", name, launch.process.pid(), String.join(" ", command));
    return launch.process.pid();
  }

  public boolean isRunning() {
    Launch l = current;
    return l != null && l.process.isAlive();
  }

  /** The pid of the last process launched, if it is still running. */
  public OptionalLong pid() {
    Launch l = current;
    return l != null && l.process.isAlive()
        ? OptionalLong.of(l.process.pid())
        : OptionalLong.empty();
  }

  /**
   * Stops the server with {@code server stop}, bounded: if the stop command hangs it is killed, and
   * if the server is still there after {@code exitWait} it is killed too (with anything it
   * started). Returns when the child process is gone.
   */
  public synchronized void stop(Duration stopWait, Duration exitWait) {
    Launch l = current;
    if (l == null) {
      return;
    }
    l.exitExpected = true;
    Process p = l.process;
    if (p.isAlive()) {
      LOG.info("Stopping {}", name);
      try {
        Process stop = launch(List.of(serverScript(wlp).toString(), "stop", name));
        if (!stop.waitFor(stopWait.toMillis(), TimeUnit.MILLISECONDS)) {
          LOG.warn("'server stop {}' did not finish within {} s", name, stopWait.toSeconds());
          destroyTree(stop.toHandle(), true);
        }
      } catch (IOException e) {
        LOG.warn("Cannot run 'server stop {}': {}", name, e.getMessage());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    try {
      if (!p.waitFor(exitWait.toMillis(), TimeUnit.MILLISECONDS)) {
        LOG.warn(
            "{} still running {} s after 'server stop': killing it", name, exitWait.toSeconds());
        destroyTree(p.toHandle(), true);
        p.waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    awaitRelays();
  }

  /**
   * Kills the server outright: SIGKILL (on Windows TerminateProcess) for the process and all its
   * descendants, whichever of them is the Liberty JVM. Returns when all of them are gone.
   *
   * @throws IOException if one of them is still there after {@code wait}
   */
  public synchronized void kill(Duration wait) throws IOException {
    Launch l = current;
    if (l == null) {
      return;
    }
    l.exitExpected = true;
    List<ProcessHandle> tree = destroyTree(l.process.toHandle(), true);
    long deadline = System.nanoTime() + wait.toNanos();
    for (ProcessHandle h : tree) {
      try {
        h.onExit().get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IOException("interrupted while killing " + name, e);
      } catch (ExecutionException | TimeoutException e) {
        throw new IOException(
            String.format(
                "process %d of %s still there %d s after SIGKILL", h.pid(), name, wait.toSeconds()),
            e);
      }
    }
    // Reaps the launched process, so that isRunning() is false from here on.
    try {
      l.process.waitFor(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    awaitRelays();
  }

  private Process launch(List<String> command) throws IOException {
    ProcessBuilder pb = new ProcessBuilder(command);
    pb.environment().putAll(environment);
    pb.redirectInput(ProcessBuilder.Redirect.PIPE);
    Process p = pb.start();
    p.getOutputStream().close(); // no input: never wait on the terminal
    String prefix = "[" + label + "] ";
    relay(p.getInputStream(), System.out, prefix);
    relay(p.getErrorStream(), System.err, prefix);
    return p;
  }

  private void relay(InputStream in, PrintStream out, String prefix) {
    Thread t =
        new Thread(
            () -> {
              // The child writes in the platform encoding, as Java 17 reads by default.
              try (BufferedReader r =
                  new BufferedReader(new InputStreamReader(in, Charset.defaultCharset()))) {
                for (String line; (line = r.readLine()) != null; ) {
                  out.println(prefix + line);
                  startFailure.accept(line, System.nanoTime());
                }
              } catch (IOException e) {
                // the process is gone
              }
            },
            "sitewatch-relay-" + label);
    t.setDaemon(true);
    t.start();
    synchronized (relays) {
      relays.removeIf(r -> !r.isAlive()); // those of earlier runs
      relays.add(t);
    }
  }

  /** The last lines of a stopped server are worth seeing: give the relays a moment to finish. */
  private void awaitRelays() {
    List<Thread> threads;
    synchronized (relays) {
      threads = List.copyOf(relays);
    }
    for (Thread t : threads) {
      try {
        t.join(2_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  /**
   * Kills a process and its descendants. The descendants are listed first: once the parent is gone
   * they are re-parented and no longer found under it.
   *
   * @return the processes signalled, the root first
   */
  static List<ProcessHandle> destroyTree(ProcessHandle root, boolean forcibly) {
    List<ProcessHandle> tree = new ArrayList<>(root.descendants().toList());
    tree.add(0, root);
    for (ProcessHandle h : tree) {
      if (forcibly) {
        h.destroyForcibly();
      } else {
        h.destroy();
      }
    }
    return tree;
  }
}
