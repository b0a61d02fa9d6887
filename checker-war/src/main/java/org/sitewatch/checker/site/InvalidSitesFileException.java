package org.sitewatch.checker.site;

import java.io.Serializable;
import java.util.List;
import java.util.Objects;

/**
 * The sites file cannot be used: it lists every problem found, each as {@code <file>:<line>: <field
 * path>: <problem>}, e.g.
 *
 * <pre>
 * /etc/sitewatch/sites.yaml:14: sites[2].expect.status: 700 is not an HTTP status (100-599)
 * </pre>
 *
 * <p>The line or the field path is left out when a problem has none (an unreadable file has
 * neither). With more than one problem the message starts with {@code <file>: N problems} and puts
 * each problem on a line of its own.
 */
public final class InvalidSitesFileException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  /** Problems past this many are counted but not written into the message. */
  static final int MAX_PROBLEMS_IN_MESSAGE = 100;

  /** Field path of a problem with the file as a whole. */
  public static final String NO_FIELD = "";

  /** Line of a problem that has none, such as an unreadable file. */
  public static final int NO_LINE = 0;

  private final List<Problem> problems;

  /**
   * One problem in a sites file.
   *
   * @param file the file, as named to the parser
   * @param line 1-based line, or {@link #NO_LINE}
   * @param field path to the field such as {@code sites[2].expect.status} (list indexes count from
   *     0), or {@link #NO_FIELD}
   * @param message what is wrong
   */
  public record Problem(String file, int line, String field, String message)
      implements Serializable {

    public Problem {
      Objects.requireNonNull(file, "file");
      Objects.requireNonNull(field, "field");
      Objects.requireNonNull(message, "message");
    }

    /** {@code <file>:<line>: <field>: <message>}, leaving out a missing line or field. */
    @Override
    public String toString() {
      return file
          + (line == NO_LINE ? "" : ":" + line)
          + ": "
          + (field.isEmpty() ? "" : field + ": ")
          + message;
    }
  }

  /**
   * @param problems at least one, in the order to report them
   */
  public InvalidSitesFileException(List<Problem> problems) {
    super(message(problems));
    this.problems = List.copyOf(problems);
  }

  /** Every problem found, by line. */
  public List<Problem> problems() {
    return problems;
  }

  private static String message(List<Problem> problems) {
    if (problems.isEmpty()) {
      throw new IllegalArgumentException("no problems");
    }
    if (problems.size() == 1) {
      return problems.get(0).toString();
    }
    StringBuilder message =
        new StringBuilder(problems.get(0).file())
            .append(": ")
            .append(problems.size())
            .append(" problems");
    int shown = Math.min(problems.size(), MAX_PROBLEMS_IN_MESSAGE);
    for (Problem problem : problems.subList(0, shown)) {
      message.append('\n').append(problem);
    }
    if (shown < problems.size()) {
      message.append('\n').append("... and ").append(problems.size() - shown).append(" more");
    }
    return message.toString();
  }
}
