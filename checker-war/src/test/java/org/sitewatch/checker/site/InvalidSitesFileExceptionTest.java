package org.sitewatch.checker.site;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.sitewatch.checker.site.InvalidSitesFileException.Problem;

class InvalidSitesFileExceptionTest {

  @Test
  void oneProblemIsTheWholeMessage() {
    InvalidSitesFileException e =
        new InvalidSitesFileException(
            List.of(
                new Problem(
                    "/etc/sitewatch/sites.yaml",
                    14,
                    "sites[2].expect.status",
                    "700 is not an HTTP status (100-599)")));

    assertEquals(
        "/etc/sitewatch/sites.yaml:14: sites[2].expect.status: 700 is not an HTTP status (100-599)",
        e.getMessage());
  }

  @Test
  void lineAndFieldAreLeftOutWhenUnknown() {
    assertEquals(
        "f.yaml: file not found",
        new Problem("f.yaml", InvalidSitesFileException.NO_LINE, "", "file not found").toString());
    assertEquals(
        "f.yaml:3: not valid YAML: x",
        new Problem("f.yaml", 3, "", "not valid YAML: x").toString());
  }

  @Test
  void manyProblemsAreCountedThenListedOnePerLine() {
    InvalidSitesFileException e =
        new InvalidSitesFileException(
            List.of(new Problem("f.yaml", 2, "sites", "a"), new Problem("f.yaml", 5, "", "b")));

    assertEquals("f.yaml: 2 problems\nf.yaml:2: sites: a\nf.yaml:5: b", e.getMessage());
  }

  @Test
  void messageStopsAfter100ProblemsButProblemsHasThemAll() {
    List<Problem> problems = new ArrayList<>();
    for (int line = 1; line <= 150; line++) {
      problems.add(new Problem("f.yaml", line, "sites", "bad"));
    }

    InvalidSitesFileException e = new InvalidSitesFileException(problems);

    assertEquals(150, e.problems().size());
    List<String> lines = e.getMessage().lines().toList();
    assertEquals(102, lines.size(), "count, 100 problems, and the rest counted");
    assertEquals("f.yaml: 150 problems", lines.get(0));
    assertEquals("f.yaml:100: sites: bad", lines.get(100));
    assertEquals("... and 50 more", lines.get(101));
  }

  @Test
  void needsAProblem() {
    assertThrows(IllegalArgumentException.class, () -> new InvalidSitesFileException(List.of()));
  }
}
