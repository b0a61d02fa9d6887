package org.sitewatch.checker.site;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The sites.yaml shipped at the root of the repository. */
class SampleSitesFileTest {

  private static final Path SAMPLE = Path.of("../sites.yaml");

  @Test
  void sampleParses() {
    List<Site> sites = new SitesFileParser().parse(SAMPLE);

    assertEquals(
        List.of("example", "wikipedia", "debian", "open-liberty"),
        sites.stream().map(Site::id).toList());
    Site example = sites.get(0);
    assertEquals(URI.create("https://example.com"), example.request().url());
    assertEquals("Example Domain", example.expect().regex().orElseThrow().regex());
    assertEquals(Map.of("source", "sample", "owner", "iana"), example.labels());
    assertEquals(Optional.of(14), example.expect().tlsMinDaysLeft());
    assertEquals(2, example.maxAttempts());
    for (Site site : sites) {
      assertTrue(
          site.schedule().interval().compareTo(Duration.ofSeconds(30)) >= 0
              && site.schedule().interval().compareTo(Duration.ofSeconds(60)) <= 0,
          site.id() + " probes every 30s to 60s, not " + site.schedule().interval());
      assertEquals(
          "sitewatch", site.request().headers().get("User-Agent"), site.id() + "'s User-Agent");
    }
  }

  @Test
  void sampleNamesTheSchemaForEditorsAndValidatesAgainstIt() throws Exception {
    List<String> lines = Files.readAllLines(SAMPLE);
    String prefix = "# yaml-language-server: $schema=";
    assertTrue(lines.get(0).startsWith(prefix), "the first line names the schema: " + lines.get(0));
    Path schema = SAMPLE.resolveSibling(lines.get(0).substring(prefix.length()));
    try (var onClassPath = SitesSchema.open()) {
      assertEquals(
          Files.readString(schema),
          new String(onClassPath.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8),
          "the sample names the schema the checker validates with");
    }

    YamlTree tree = YamlTree.load(Files.readString(SAMPLE), SitesFileParser.MAX_FILE_SIZE);
    assertEquals(List.of(), tree.problems());
    assertEquals(List.of(), SitesSchema.violations(tree));
  }
}
