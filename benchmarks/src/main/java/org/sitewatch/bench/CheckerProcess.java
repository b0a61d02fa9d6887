package org.sitewatch.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A server's JVM seen from outside: CPU time and threads from /proc, heap after a full GC from
 * jcmd.
 */
final class CheckerProcess {

  /** Linux's USER_HZ: /proc times are in ticks of 1/100 s on every mainstream kernel. */
  private static final double TICKS_PER_SECOND = 100.0;

  private static final Pattern HEAP_USED = Pattern.compile("used (\\d+)K");

  private final long pid;

  CheckerProcess(long pid) {
    this.pid = pid;
  }

  /**
   * The JVM of the Liberty server {@code server} running with {@code wlpUserDir}: {@code server
   * run} writes no pid file, so it is found by its command line and environment.
   */
  static CheckerProcess ofServer(Path wlpUserDir, String server) throws IOException {
    String userDir = "WLP_USER_DIR=" + wlpUserDir;
    for (ProcessHandle process : (Iterable<ProcessHandle>) ProcessHandle.allProcesses()::iterator) {
      Path proc = Path.of("/proc/" + process.pid());
      try {
        String command = Files.readString(proc.resolve("cmdline")).replace('\0', ' ');
        String environment = Files.readString(proc.resolve("environ"));
        if (command.contains("java")
            && command.contains(" " + server)
            && environment.contains(userDir + "\0")) {
          return new CheckerProcess(process.pid());
        }
      } catch (IOException e) {
        // Gone meanwhile, or not ours to read.
      }
    }
    throw new IOException("no JVM of server " + server + " with " + userDir);
  }

  /** User plus system CPU time of every thread of the process so far. */
  static double cpuSeconds(long pid) throws IOException {
    String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
    // Fields after the command name, which is in parentheses and may itself contain spaces.
    String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
    return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / TICKS_PER_SECOND;
  }

  double cpuSeconds() throws IOException {
    return cpuSeconds(pid);
  }

  /** The process's live threads now (the JVM's own included), from /proc. */
  int threads() throws IOException {
    for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
      if (line.startsWith("Threads:")) {
        return Integer.parseInt(line.substring("Threads:".length()).strip());
      }
    }
    throw new IllegalStateException("no 'Threads:' in /proc/" + pid + "/status");
  }

  /** Heap in use right after a full collection: what the checker really keeps. */
  double heapAfterGcMib() throws IOException, InterruptedException {
    jcmd("GC.run");
    Matcher used = HEAP_USED.matcher(jcmd("GC.heap_info"));
    if (!used.find()) {
      throw new IllegalStateException("no 'used NK' in jcmd GC.heap_info of " + pid);
    }
    return Long.parseLong(used.group(1)) / 1024.0;
  }

  private String jcmd(String command) throws IOException, InterruptedException {
    Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
    Process process =
        new ProcessBuilder(jcmd.toString(), Long.toString(pid), command)
            .redirectErrorStream(true)
            .start();
    String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (process.waitFor() != 0) {
      throw new IllegalStateException("jcmd " + pid + " " + command + " failed: " + out);
    }
    return out;
  }
}
