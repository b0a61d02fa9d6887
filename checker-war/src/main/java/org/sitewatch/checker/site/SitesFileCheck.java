package org.sitewatch.checker.site;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * Checks a sites file as the checker reads it, without a server: {@code check [--env-file FILE]
 * <file>} prints every problem as {@code file:line: field: problem} and exits 1, or prints how many
 * sites the file lists and exits 0. Header variables come from this process's environment, or first
 * from a Liberty {@code server.env} given with {@code --env-file} (what the checker's server will
 * see); {@code SITEWATCH_SITES_HEADER_ENV_ALLOW} allows the server's own as on the checker.
 */
public final class SitesFileCheck {

  static final int VALID = 0;
  static final int INVALID = 1;
  static final int USAGE = 2;

  private static final String USAGE_LINE =
      "usage: SitesFileCheck check [--env-file <server.env>] <sites file>";

  private SitesFileCheck() {}

  public static void main(String[] args) {
    System.exit(run(args, System::getenv, System.out, System.err));
  }

  static int run(
      String[] args, UnaryOperator<String> processEnvironment, PrintStream out, PrintStream err) {
    List<String> arguments = List.of(args);
    boolean withEnvFile = arguments.size() == 4 && arguments.get(1).equals("--env-file");
    if (arguments.isEmpty()
        || !arguments.get(0).equals("check")
        || (arguments.size() != 2 && !withEnvFile)) {
      err.println(USAGE_LINE);
      return USAGE;
    }
    String sitesFile = arguments.get(arguments.size() - 1);
    UnaryOperator<String> environment = processEnvironment;
    if (withEnvFile) {
      try {
        Map<String, String> fromFile = readEnvFile(Path.of(arguments.get(2)));
        environment = name -> fromFile.getOrDefault(name, processEnvironment.apply(name));
      } catch (IOException e) {
        err.println(arguments.get(2) + ": cannot read it: " + e);
        return USAGE;
      }
    }
    SitesFileParser parser =
        SitesFileParser.allowing(
            environment,
            Optional.ofNullable(environment.apply("SITEWATCH_SITES_HEADER_ENV_ALLOW")));
    try {
      int sites = parser.parse(Path.of(sitesFile)).size();
      out.println(sitesFile + ": valid, " + sites + (sites == 1 ? " site" : " sites"));
      return VALID;
    } catch (InvalidSitesFileException e) {
      err.println(e.getMessage());
      return INVALID;
    }
  }

  /** Liberty's server.env: {@code NAME=value} lines; blank lines and {@code #} comments skipped. */
  private static Map<String, String> readEnvFile(Path file) throws IOException {
    Map<String, String> variables = new HashMap<>();
    for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
      int equals = line.indexOf('=');
      if (!line.isBlank() && !line.strip().startsWith("#") && equals > 0) {
        variables.put(line.substring(0, equals).strip(), line.substring(equals + 1));
      }
    }
    return variables;
  }
}
