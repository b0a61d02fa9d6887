package org.sitewatch.infra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class LocalStackTest {

  @Test
  void testSupportOptionsAreUnknownToTheQuickStart() {
    for (String option :
        List.of("control-port", "extra-config", "more-checkers", "more-persisters")) {
      CommandLine.UsageException e =
          assertThrows(
              CommandLine.UsageException.class,
              () ->
                  CommandLine.parse(
                      new String[] {"--" + option, "39999"},
                      StackOptions.valueOptions(Set.of()),
                      StackOptions.FLAG_OPTIONS),
              "--" + option + " refused");
      assertEquals("unknown option --" + option, e.getMessage(), "message names the option");
      assertFalse(LocalStack.USAGE.contains("--" + option), "usage does not list --" + option);
    }
  }
}
