package org.sitewatch.checker.site;

import java.util.Optional;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.sitewatch.support.text.MessageText;

/**
 * Puts environment variables into header values: {@code Bearer ${API_TOKEN}} sends the value of
 * {@code API_TOKEN}, so secrets stay out of the sites file. <code>$${</code> stands for the text
 * <code>${</code>; any other {@code $} is itself.
 *
 * <p>Problems name the variable, never its value, which is a secret. The server's own variables are
 * refused (see {@link ReservedVariables}).
 */
final class HeaderSubstitution {

  private static final Pattern REFERENCE = Pattern.compile("\\$\\$\\{|\\$\\{([^}]*)}|\\$\\{");
  private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

  /** The substituted value, or what is wrong with the text. */
  sealed interface Result {}

  record Substituted(String value) implements Result {}

  record Problem(String message) implements Result {}

  private final UnaryOperator<String> environment;
  private final ReservedVariables reserved;

  /**
   * @param environment a variable's value by name, null when it is not set
   * @param reserved the variables that may not be read
   */
  HeaderSubstitution(UnaryOperator<String> environment, ReservedVariables reserved) {
    this.environment = environment;
    this.reserved = reserved;
  }

  Result substitute(String text) {
    Matcher matcher = REFERENCE.matcher(text);
    StringBuilder value = new StringBuilder(text.length());
    int from = 0;
    while (matcher.find()) {
      value.append(text, from, matcher.start());
      from = matcher.end();
      String found = matcher.group();
      if (found.equals("$${")) {
        value.append("${");
        continue;
      }
      String name = matcher.group(1);
      if (name == null) {
        return new Problem("'${' is not closed: write ${NAME}, or $${ for the text ${");
      }
      Optional<String> problem = nameProblem(name).or(() -> reserved.problem(name));
      if (problem.isPresent()) {
        return new Problem(problem.get());
      }
      String variable = environment.apply(name);
      if (variable == null) {
        return new Problem(
            "environment variable "
                + name
                + " is not set: set it for the checker, or write $${"
                + name
                + "} for the text itself");
      }
      value.append(variable);
    }
    value.append(text, from, text.length());
    return new Substituted(value.toString());
  }

  private static Optional<String> nameProblem(String name) {
    if (!NAME.matcher(name).matches()) {
      return Optional.of(
          MessageText.quote("${" + name + "}")
              + " does not name an environment variable: use letters, digits and _, not starting"
              + " with a digit");
    }
    return Optional.empty();
  }
}
