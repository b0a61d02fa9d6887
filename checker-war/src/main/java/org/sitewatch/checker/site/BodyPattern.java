package org.sitewatch.checker.site;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A regex the response body must contain (searched for, not matched whole), held as its source and
 * flags so that two sites with the same regex are equal.
 */
public record BodyPattern(String regex, int flags) {

  public BodyPattern {
    Objects.requireNonNull(regex, "regex");
    SiteRules.require(SiteRules.regexProblem(regex, flags));
  }

  public static BodyPattern of(Pattern pattern) {
    return new BodyPattern(pattern.pattern(), pattern.flags());
  }

  public Pattern compiled() {
    return Pattern.compile(regex, flags);
  }

  @Override
  public String toString() {
    return "/" + regex + "/";
  }
}
