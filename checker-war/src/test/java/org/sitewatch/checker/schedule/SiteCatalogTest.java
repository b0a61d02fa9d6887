package org.sitewatch.checker.schedule;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sitewatch.checker.site.InvalidSitesFileException;

class SiteCatalogTest {

  /** A variable of the server's own kind that no test environment sets. */
  private static final String UNSET = "SITEWATCH_CATALOG_TEST_UNSET";

  @TempDir Path dir;

  private String loadProblem(Optional<String> headerEnvAllow) throws IOException {
    Path file =
        Files.writeString(
            dir.resolve("sites.yaml"),
            "sites:\n  - url: https://a.example\n    headers:\n      X-Token: ${" + UNSET + "}\n");
    SiteCatalog catalog = new SiteCatalog(file.toString(), Duration.ofSeconds(5), headerEnvAllow);
    return assertThrows(InvalidSitesFileException.class, catalog::load).getMessage();
  }

  @Test
  void headerValuesMayReadTheServersVariablesOnTheAllowListOnly() throws IOException {
    String refused = loadProblem(Optional.empty());
    assertTrue(refused.contains(UNSET + " may hold the server's own"), refused);

    String allowed = loadProblem(Optional.of("SITEWATCH_OTHER, " + UNSET + " ,"));
    assertTrue(allowed.contains(UNSET + " is not set"), "allowed, so looked up: " + allowed);
  }
}
