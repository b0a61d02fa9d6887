package org.sitewatch.checker.site;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.sitewatch.checker.site.HeaderSubstitution.Problem;
import org.sitewatch.checker.site.HeaderSubstitution.Substituted;

class HeaderSubstitutionTest {

  private final HeaderSubstitution substitution =
      new HeaderSubstitution(
          Map.of("USER", "ann", "PASS", "p$w{}", "EMPTY", "")::get,
          new ReservedVariables(Set.of()));

  @Test
  void replacesEveryReference() {
    assertEquals(
        new Substituted("ann:p$w{}@"), substitution.substitute("${USER}:${PASS}@${EMPTY}"));
  }

  @Test
  void leavesTextWithoutReferencesAlone() {
    assertEquals(new Substituted("a $ b $5 {x}"), substitution.substitute("a $ b $5 {x}"));
  }

  @Test
  void anEscapedReferenceIsText() {
    assertEquals(new Substituted("${USER} ann"), substitution.substitute("$${USER} ${USER}"));
  }

  @Test
  void reportsTheFirstProblemNamingTheVariable() {
    assertEquals(
        new Problem(
            "environment variable MISSING is not set: set it for the checker, or write"
                + " $${MISSING} for the text itself"),
        substitution.substitute("${USER} ${MISSING}"));
    assertEquals(
        new Problem(
            "'${}' does not name an environment variable: use letters, digits and _, not starting"
                + " with a digit"),
        substitution.substitute("${}"));
  }
}
