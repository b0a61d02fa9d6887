package org.sitewatch.checker.site;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SitesFileCheckTest {

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  private int check(String... args) {
    return SitesFileCheck.run(
        args,
        new SitesFileParser(),
        new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  @Test
  void aValidFileExitsZeroAndCountsItsSites() {
    assertEquals(0, check("check", "../sites.yaml"), err.toString());
    assertEquals("../sites.yaml: valid, 4 sites\n", out.toString());
  }

  @Test
  void anInvalidFileExitsOneWithTheCheckersMessage(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("sites.yaml");
    Files.writeString(file, "sites:\n  - url: https://example.com\n    retries: 10\n");

    assertEquals(1, check("check", file.toString()));
    assertEquals(
        file + ":3: sites[0].retries: retries 10 is out of range: use 0 to 9\n", err.toString());
    assertEquals("", out.toString());
  }

  @Test
  void anythingElseIsAUsageError() {
    assertEquals(2, check("validate", "sites.yaml"));
    assertEquals("usage: SitesFileCheck check <sites file>\n", err.toString());
  }
}
