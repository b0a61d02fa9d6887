package org.sitewatch.infra;

import java.util.HashSet;
import java.util.Set;

/** What every main does with its arguments: help, parse, or explain and exit 2. */
final class Cli {

  private Cli() {}

  static CommandLine parseOrExit(
      String[] args, String usage, Set<String> valueOptions, Set<String> flagOptions) {
    if (CommandLine.wantsHelp(args)) {
      System.out.println(usage);
      System.exit(0);
    }
    try {
      return CommandLine.parse(args, valueOptions, flagOptions);
    } catch (CommandLine.UsageException e) {
      return exitWithUsage(e, usage);
    }
  }

  static <T> T exitWithUsage(CommandLine.UsageException e, String usage) {
    System.err.println("error: " + e.getMessage());
    System.err.println(usage);
    System.exit(2);
    throw new AssertionError("unreachable");
  }

  @SafeVarargs
  static Set<String> union(Set<String>... sets) {
    Set<String> all = new HashSet<>();
    for (Set<String> s : sets) {
      all.addAll(s);
    }
    return all;
  }
}
