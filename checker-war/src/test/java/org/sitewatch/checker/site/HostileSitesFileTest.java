package org.sitewatch.checker.site;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.sitewatch.checker.site.InvalidSitesFileException.Problem;

/** Files built to exhaust memory or time are rejected quickly. */
class HostileSitesFileTest {

  private static final Duration FAST = Duration.ofSeconds(5);

  private final SitesFileParser parser = new SitesFileParser();

  private List<Problem> problems(String yaml) {
    return assertTimeoutPreemptively(
            FAST,
            () -> assertThrows(InvalidSitesFileException.class, () -> parser.parse(yaml, "x.yaml")),
            "rejected within " + FAST)
        .problems();
  }

  @Test
  void billionLaughsIsRejected() throws Exception {
    String yaml;
    try (InputStream in = getClass().getResourceAsStream("/sites/billion-laughs.yaml")) {
      yaml = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }

    assertEquals(
        List.of(
            new Problem(
                "x.yaml",
                8,
                "",
                "too many aliases (more than 50 to lists or mappings): refusing a file that could"
                    + " expand without bound (a 'billion laughs' attack)")),
        problems(yaml));
  }

  @Test
  void aliasBombInsideTheSitesIsRejected() {
    StringBuilder yaml = new StringBuilder("sites:\n  - &s0\n    url: https://example.com\n");
    for (int level = 1; level <= 30; level++) {
      yaml.append("  - &s").append(level).append(" [*s").append(level - 1);
      yaml.append(", *s").append(level - 1).append("]\n");
    }

    List<Problem> problems = problems(yaml.toString());

    assertEquals(1, problems.size(), problems.toString());
    assertEquals(29, problems.get(0).line(), "the line of the 51st alias");
  }

  @Test
  void deepNestingIsRejected() {
    String yaml = "sites: " + "[".repeat(10_000) + "]".repeat(10_000) + "\n";

    List<Problem> problems = problems(yaml);

    assertEquals(1, problems.size(), problems.toString());
    assertEquals(1, problems.get(0).line());
    assertEquals("not valid YAML: Nesting Depth exceeded max 20", problems.get(0).message());
  }

  @Test
  void oversizedContentIsRejectedBeforeParsing() {
    String yaml = "sites: []\n#" + "x".repeat(SitesFileParser.MAX_FILE_SIZE) + "\n";

    assertEquals(
        List.of(
            new Problem(
                "x.yaml",
                InvalidSitesFileException.NO_LINE,
                InvalidSitesFileException.NO_FIELD,
                "file is larger than the limit of "
                    + SitesFileParser.MAX_FILE_SIZE
                    + " characters")),
        problems(yaml));
  }

  @Test
  void controlCharactersInKeysDoNotBreakTheOneLinePerProblemFormat() {
    InvalidSitesFileException e =
        assertThrows(
            InvalidSitesFileException.class,
            () ->
                parser.parse("sites:\n  - url: https://example.com\n    \"a\\nb\": 1\n", "x.yaml"));

    assertEquals(
        "x.yaml:3: sites[0].a\\nb: unknown field 'a\\nb' (known: url, id, name, interval, timeout,"
            + " method, headers,"
            + " body, expect, followRedirects, maxRedirects, allowInsecureRedirects, tls, retries,"
            + " labels, alerts)",
        e.getMessage());
  }
}
