package org.sitewatch.checker.site;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** The problems found in one sites file, each at a field path: the first problem of a field. */
final class Problems {

  private final String source;
  private final YamlTree tree;
  private final List<YamlTree.Problem> found = new ArrayList<>();

  /** Starts with the problems of the YAML itself. */
  Problems(String source, YamlTree tree) {
    this.source = source;
    this.tree = tree;
    tree.problems().forEach(this::add);
  }

  void add(YamlTree.Problem problem) {
    add(problem.field(), problem.line(), problem.message());
  }

  /** Adds a problem unless the field, or a field it is in, has one already. */
  void add(String field, int line, String message) {
    boolean covered =
        found.stream()
            .map(YamlTree.Problem::field)
            .anyMatch(at -> !at.isEmpty() && (field.equals(at) || field.startsWith(at + ".")));
    if (!covered) {
      found.add(new YamlTree.Problem(field, line, message));
    }
  }

  /** Adds a problem at the line of the field's value. */
  void at(String field, String message) {
    add(field, tree.line(field), message);
  }

  /** Whether a problem was found at the field or within it. */
  boolean within(String field) {
    return found.stream()
        .map(YamlTree.Problem::field)
        .anyMatch(
            at -> at.equals(field) || at.startsWith(field + ".") || at.startsWith(field + "["));
  }

  /** Throws every problem found, by line, if there is any. */
  void throwIfAny() {
    if (found.isEmpty()) {
      return;
    }
    throw new InvalidSitesFileException(
        found.stream()
            .sorted(
                Comparator.comparingInt(YamlTree.Problem::line)
                    .thenComparing(YamlTree.Problem::field))
            .map(
                p ->
                    new InvalidSitesFileException.Problem(
                        source,
                        p.line(),
                        // A status in a list is reported under the list's field, as one status is.
                        p.field().replaceFirst("(\\.status)\\[\\d+]$", "$1"),
                        p.message()))
            .toList());
  }
}
