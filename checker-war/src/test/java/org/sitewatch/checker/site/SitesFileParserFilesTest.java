package org.sitewatch.checker.site;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading the sites file from disk: the path names every problem. */
class SitesFileParserFilesTest {

  private final SitesFileParser parser = new SitesFileParser();

  @TempDir Path dir;

  private String message(Path file) {
    return assertThrows(InvalidSitesFileException.class, () -> parser.parse(file)).getMessage();
  }

  @Test
  void problemsNameTheFileAsGiven() throws Exception {
    Path file = dir.resolve("sites.yaml");
    Files.writeString(file, "sites:\n  - url: https://example.com\n    intervall: 30s\n");

    assertEquals(
        file
            + ":3: sites[0].intervall: unknown field 'intervall' (known: url, id, name, interval,"
            + " timeout, method, headers,"
            + " body, expect, followRedirects, maxRedirects, allowInsecureRedirects, tls, retries, labels, alerts)",
        message(file));
  }

  @Test
  void missingFile() {
    Path file = dir.resolve("nope.yaml");

    assertEquals(file + ": file not found", message(file));
  }

  @Test
  void directory() {
    assertEquals(dir + ": is a directory, not a sites file", message(dir));
  }

  @Test
  void emptyFile() throws Exception {
    Path file = Files.createFile(dir.resolve("sites.yaml"));

    assertEquals(file + ": file is empty: expected a 'sites' list", message(file));
  }

  @Test
  void notUtf8NamesTheLine() throws Exception {
    Path file = dir.resolve("sites.yaml");
    byte[] latin1 =
        "sites:\n  - url: https://example.com\n    name: Caf\u00e9\n"
            .getBytes(StandardCharsets.ISO_8859_1);
    Files.write(file, latin1);

    assertEquals(file + ":3: not valid UTF-8", message(file));
  }

  @Test
  void aHundredThousandSitesWithHeadersAndLabelsFitInOneFile() throws Exception {
    Path file = dir.resolve("sites.yaml");
    StringBuilder yaml = new StringBuilder("sites:\n");
    for (int i = 0; i < 100_000; i++) {
      yaml.append("  - id: shop-")
          .append(i)
          .append("\n    url: https://shop-")
          .append(i)
          .append(".example.com/health/ready?from=sitewatch\n")
          .append("    interval: 60s\n    timeout: 5s\n")
          .append("    headers:\n      User-Agent: sitewatch\n      Accept: text/html\n")
          .append("    expect:\n      status: [200, 204]\n      regex: \"<title>Shop [0-9]+\"\n")
          .append("    labels:\n      team: storefront\n      region: eu-west-1\n");
    }
    Files.writeString(file, yaml);

    assertEquals(100_000, parser.parse(file).size());
  }

  @Test
  void oversizedFileIsNotRead() throws Exception {
    Path file = dir.resolve("sites.yaml");
    Files.write(file, new byte[SitesFileParser.MAX_FILE_SIZE + 1]);

    assertEquals(
        file + ": file is larger than the limit of " + SitesFileParser.MAX_FILE_SIZE + " bytes",
        message(file));
  }
}
