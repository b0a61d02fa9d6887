package org.sitewatch.systemtest;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Payara Server's domain1, as unpacked from the distribution, run as a test's own server: every
 * port one the build reserved and every listener on loopback, the data grid (Hazelcast, which would
 * look for cluster members) off. Driven through {@code asadmin}, as an operator would.
 */
final class PayaraDomain {

  /** The ports of the domain's server-config: the ones it listens on, and its debug port. */
  record Ports(
      int admin,
      int http,
      int https,
      int iiop,
      int iiopSsl,
      int iiopMutualAuth,
      int jmx,
      int jms,
      int osgiShell,
      int debug) {}

  private static final Duration COMMAND_TIMEOUT = Duration.ofMinutes(3);

  private final Path home;
  private final Path logs;
  private final Ports ports;
  private final Map<String, String> env;
  private int commands;

  private PayaraDomain(Path home, Path logs, Ports ports, Map<String, String> env) {
    this.home = home;
    this.logs = logs;
    this.ports = ports;
    this.env = env;
  }

  /**
   * Confines domain1 of the Payara at {@code home} (the unpacked payara6 directory) to loopback and
   * these ports. {@code env} is the server's environment, its settings by their environment names.
   */
  static PayaraDomain confine(Path home, Path logs, Ports ports, Map<String, String> env)
      throws IOException {
    Path domainXml = home.resolve("glassfish/domains/domain1/config/domain.xml");
    String xml = Files.readString(domainXml, StandardCharsets.UTF_8);
    // Only the server's own config: default-config is a template for instances never made here.
    int split = xml.indexOf("<config name=\"default-config\"");
    String server = xml.substring(0, split);
    Map<String, String> edits = new LinkedHashMap<>();
    edits.put("port=\"4848\"", "port=\"" + ports.admin() + "\"");
    edits.put("port=\"8080\"", "port=\"" + ports.http() + "\"");
    edits.put("port=\"8181\"", "port=\"" + ports.https() + "\"");
    edits.put("port=\"3700\"", "port=\"" + ports.iiop() + "\"");
    edits.put("port=\"3820\"", "port=\"" + ports.iiopSsl() + "\"");
    edits.put("port=\"3920\"", "port=\"" + ports.iiopMutualAuth() + "\"");
    edits.put("port=\"8686\"", "port=\"" + ports.jmx() + "\"");
    edits.put("value=\"7676\"", "value=\"" + ports.jms() + "\"");
    edits.put("telnet.port=6666", "telnet.port=" + ports.osgiShell());
    edits.put("address=9009", "address=" + ports.debug());
    edits.put("address=\"0.0.0.0\"", "address=\"127.0.0.1\"");
    edits.put("<network-listener port=", "<network-listener address=\"127.0.0.1\" port=");
    // The JVM flags of the tests' other servers (st.jvm.args), beside the heap.
    edits.put(
        "<jvm-options>-Xmx512m</jvm-options>",
        "<jvm-options>-Xmx512m</jvm-options>"
            + Stack.jvmArgs().stream()
                .map(option -> "<jvm-options>" + option + "</jvm-options>")
                .collect(Collectors.joining()));
    edits.put(
        "<hazelcast-config-specific-configuration>",
        "<hazelcast-config-specific-configuration enabled=\"false\">");
    for (Map.Entry<String, String> edit : edits.entrySet()) {
      if (!server.contains(edit.getKey())) {
        throw new IllegalStateException(
            "domain.xml of this Payara has no " + edit.getKey() + ": the template changed");
      }
      server = server.replace(edit.getKey(), edit.getValue());
    }
    Files.writeString(domainXml, server + xml.substring(split), StandardCharsets.UTF_8);
    return new PayaraDomain(home, logs, ports, env);
  }

  void start() throws Exception {
    run(List.of("start-domain", "domain1"));
  }

  /** Stops the domain if it answers; the exit code of {@code stop-domain}. */
  int stop() throws Exception {
    return command(List.of("stop-domain", "domain1")).exitCode();
  }

  /** A remote command against the domain's admin port; fails the test unless it succeeds. */
  Processes.Result asadmin(String... args) throws Exception {
    return run(List.of(args));
  }

  /** As {@link #asadmin}, with a password file (for the secrets a command reads from one). */
  Processes.Result asadminWithPasswords(String passwords, String... args) throws Exception {
    Path file = logs.resolve("passwords-" + commands + ".txt");
    Files.writeString(file, passwords, StandardCharsets.UTF_8);
    try {
      List<String> command = new ArrayList<>(List.of("--passwordfile", file.toString()));
      command.addAll(List.of(args));
      return run(command);
    } finally {
      Files.delete(file);
    }
  }

  URI http(String path) {
    return URI.create("http://127.0.0.1:" + ports.http() + path);
  }

  /** Whether anything listens on the admin port. */
  boolean adminPortOpen() {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress("127.0.0.1", ports.admin()), 1000);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  Path serverLog() {
    return home.resolve("glassfish/domains/domain1/logs/server.log");
  }

  private Processes.Result run(List<String> args) throws Exception {
    Processes.Result result = command(args);
    assertEquals(0, result.exitCode(), result.describe() + "\n(server log: " + serverLog() + ")");
    return result;
  }

  private Processes.Result command(List<String> args) throws Exception {
    List<String> command = new ArrayList<>();
    command.add(home.resolve("bin/asadmin").toString());
    command.addAll(
        List.of("--host", "127.0.0.1", "--port", Integer.toString(ports.admin()), "--echo=false"));
    command.addAll(args);
    commands++;
    // Named by the subcommand, after any --passwordfile FILE.
    String name = commands + "-" + args.get(args.get(0).startsWith("--") ? 2 : 0);
    return Processes.run(home, env, logs.resolve(name + ".log"), COMMAND_TIMEOUT, command);
  }
}
