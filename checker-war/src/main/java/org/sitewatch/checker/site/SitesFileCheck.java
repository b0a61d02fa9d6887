package org.sitewatch.checker.site;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Checks a sites file as the checker reads it, without a server: {@code check <file>} prints every
 * problem as {@code file:line: field: problem} and exits 1, or prints how many sites the file lists
 * and exits 0. Header variables come from this process's environment, and {@code
 * SITEWATCH_SITES_HEADER_ENV_ALLOW} allows the server's own as on the checker.
 */
public final class SitesFileCheck {

  static final int VALID = 0;
  static final int INVALID = 1;
  static final int USAGE = 2;

  private SitesFileCheck() {}

  public static void main(String[] args) {
    System.exit(
        run(
            args,
            SitesFileParser.allowing(
                Optional.ofNullable(System.getenv("SITEWATCH_SITES_HEADER_ENV_ALLOW"))),
            System.out,
            System.err));
  }

  static int run(String[] args, SitesFileParser parser, PrintStream out, PrintStream err) {
    if (args.length != 2 || !args[0].equals("check")) {
      err.println("usage: SitesFileCheck check <sites file>");
      return USAGE;
    }
    try {
      int sites = parser.parse(Path.of(args[1])).size();
      out.println(args[1] + ": valid, " + sites + (sites == 1 ? " site" : " sites"));
      return VALID;
    } catch (InvalidSitesFileException e) {
      err.println(e.getMessage());
      return INVALID;
    }
  }
}
