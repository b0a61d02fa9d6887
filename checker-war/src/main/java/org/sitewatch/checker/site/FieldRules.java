package org.sitewatch.checker.site;

import static org.sitewatch.checker.site.YamlTree.child;

import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;
import org.sitewatch.common.CheckResult;
import org.sitewatch.support.duration.Durations;
import org.sitewatch.support.text.MessageText;
import tools.jackson.databind.JsonNode;

/**
 * The rules on a field's own value that the schema cannot state: durations, URLs, regexes and
 * statuses that need parsing, header variables, and labels as results carry them. A field the
 * schema already found wrong is not checked again.
 */
final class FieldRules {

  private final HeaderSubstitution substitution;
  private final YamlTree tree;
  private final Problems problems;

  FieldRules(HeaderSubstitution substitution, YamlTree tree, Problems problems) {
    this.substitution = substitution;
    this.tree = tree;
    this.problems = problems;
  }

  /** Checks the fields of a site, or of the defaults, at the path. */
  void check(String path, JsonNode fields) {
    JsonNode expect = fields.path("expect");
    String expectPath = child(path, "expect");
    check(child(path, "url"), fields.path("url"), SiteRules::urlTextProblem);
    check(child(path, "interval"), fields.path("interval"), duration(SiteRules::intervalProblem));
    check(
        child(path, "timeout"),
        fields.path("timeout"),
        duration(timeout -> SiteRules.positiveProblem("timeout", timeout)));
    check(
        child(path, "method"),
        fields.path("method"),
        method -> SiteRules.methodProblem(method.toUpperCase(Locale.ROOT)));
    check(child(expectPath, "regex"), expect.path("regex"), r -> SiteRules.regexProblem(r, 0));
    check(
        child(expectPath, "maxResponseTime"),
        expect.path("maxResponseTime"),
        duration(max -> SiteRules.positiveProblem("maxResponseTime", max)));
    JsonNode status = expect.path("status");
    String statusPath = child(expectPath, "status");
    for (int i = 0; status.isArray() && i < status.size(); i++) {
      check(YamlTree.item(statusPath, i), status.get(i), StatusRanges::problem);
    }
    check(statusPath, status, StatusRanges::problem);
    checkHeaders(child(path, "headers"), fields.path("headers"));
    for (Map.Entry<String, JsonNode> label : fields.path("labels").properties()) {
      check(
          child(child(path, "labels"), label.getKey()),
          label.getValue(),
          value -> CheckResult.labelProblem(label.getKey(), value).map(MessageText::oneLine));
    }
  }

  /** The header value with its environment variables put in, or why it cannot be sent. */
  HeaderSubstitution.Result headerValue(String name, String text) {
    HeaderSubstitution.Result result = substitution.substitute(text);
    if (result instanceof HeaderSubstitution.Substituted value) {
      Optional<String> problem = SiteRules.headerValueProblem(name, value.value());
      return problem.isPresent() ? new HeaderSubstitution.Problem(problem.get()) : value;
    }
    return result;
  }

  private void checkHeaders(String path, JsonNode headers) {
    Map<String, String> seen = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    for (Map.Entry<String, JsonNode> header : headers.properties()) {
      String name = header.getKey();
      String field = child(path, name);
      String first = seen.putIfAbsent(name, field);
      if (first != null) {
        problems.add(
            field,
            tree.keyLine(field),
            "header %s is given twice (first at line %d; header names ignore case)"
                .formatted(MessageText.quote(name), tree.keyLine(first)));
      }
      check(
          field,
          header.getValue(),
          text ->
              headerValue(name, text) instanceof HeaderSubstitution.Problem problem
                  ? Optional.of(problem.message())
                  : Optional.empty());
    }
  }

  private void check(String field, JsonNode value, Function<String, Optional<String>> rule) {
    if (value.isValueNode() && !value.isNull() && !problems.within(field)) {
      rule.apply(value.asString()).ifPresent(message -> problems.at(field, message));
    }
  }

  private static Function<String, Optional<String>> duration(
      Function<Duration, Optional<String>> rule) {
    return text -> {
      try {
        return rule.apply(Durations.parse(text));
      } catch (IllegalArgumentException e) {
        return Optional.of(e.getMessage());
      }
    };
  }
}
