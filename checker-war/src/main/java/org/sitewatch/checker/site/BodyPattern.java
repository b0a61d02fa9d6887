package org.sitewatch.checker.site;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A regex the response body must contain (searched for, not matched whole). Compiled once, when the
 * sites file is read, for every probe of the site; equal by source and flags (a compiled Pattern
 * has no equality of its own), so that two sites with the same regex are equal.
 */
public final class BodyPattern {

  private final Pattern pattern;

  public BodyPattern(String regex, int flags) {
    Objects.requireNonNull(regex, "regex");
    SiteRules.require(SiteRules.regexProblem(regex, flags));
    this.pattern = Pattern.compile(regex, flags);
  }

  public static BodyPattern of(Pattern pattern) {
    return new BodyPattern(pattern.pattern(), pattern.flags());
  }

  public String regex() {
    return pattern.pattern();
  }

  public int flags() {
    return pattern.flags();
  }

  public Pattern compiled() {
    return pattern;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof BodyPattern that
        && regex().equals(that.regex())
        && flags() == that.flags();
  }

  @Override
  public int hashCode() {
    return Objects.hash(regex(), flags());
  }

  @Override
  public String toString() {
    return "/" + regex() + "/";
  }
}
