package org.sitewatch.infra;

import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Watches a Liberty server's output for an application that failed to start (CWWKZ0002E), and
 * keeps, once each, the {@code file:line: field: problem} lines it printed on the way (a sites
 * file's problems appear in the exception and again in every stack trace and FFDC notice).
 */
final class StartFailure {

  private static final Pattern FAILED = Pattern.compile("CWWKZ0002E: .*");

  /** {@code file:line: field: problem}, wherever in the line it starts (after "...Exception: "). */
  private static final Pattern PROBLEM = Pattern.compile("(?:^|\\s)([^\\s:]+:\\d+: \\S+: .+)$");

  /** An FFDC notice ends the message's last line with where it was caught: not a problem. */
  private static final Pattern FFDC_NOTICE = Pattern.compile("\" at ffdc_\\S+$");

  /** The rest of the exception's message follows the CWWKZ0002E line: wait for it. */
  private static final Duration SETTLE = Duration.ofSeconds(1);

  private final Set<String> problems = new LinkedHashSet<>();
  private String failure;
  private long failedAtNanos;

  /** Forgets what an earlier run of the server printed. */
  synchronized void reset() {
    problems.clear();
    failure = null;
  }

  synchronized void accept(String line, long atNanos) {
    Matcher problem = PROBLEM.matcher(line);
    if (problem.find() && !FFDC_NOTICE.matcher(line).find()) {
      problems.add(problem.group(1));
    }
    if (failure == null) {
      Matcher failed = FAILED.matcher(line);
      if (failed.find()) {
        failure = failed.group();
        failedAtNanos = atNanos;
      }
    }
  }

  /**
   * Once an application failed to start, and its messages have had a moment to arrive: the problems
   * it printed, or the failure message itself when there were none.
   */
  synchronized Optional<List<String>> report(long nowNanos) {
    if (failure == null || nowNanos - failedAtNanos < SETTLE.toNanos()) {
      return Optional.empty();
    }
    return Optional.of(problems.isEmpty() ? List.of(failure) : List.copyOf(problems));
  }
}
