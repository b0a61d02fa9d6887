package org.sitewatch.bench;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;

/** Writes the checker's sites file for N farm sites, all at one interval. */
final class FarmSites {

  static final String PREFIX = "farm-";

  private FarmSites() {}

  /** Writes more entries of the sites list, each in the file's own format. */
  interface MoreSites {
    void write(Writer out) throws IOException;
  }

  static void write(Path file, TargetFarm farm, int sites, Duration interval, Duration timeout)
      throws IOException {
    write(file, farm, sites, interval, timeout, out -> {});
  }

  /**
   * Replaces {@code file} in one move, so that the checker, which follows the file, never reads
   * half of it; {@code more} writes entries after the farm's.
   */
  static void write(
      Path file, TargetFarm farm, int sites, Duration interval, Duration timeout, MoreSites more)
      throws IOException {
    Path next = file.resolveSibling(file.getFileName() + ".next");
    try (Writer out = Files.newBufferedWriter(next, StandardCharsets.UTF_8)) {
      out.write("defaults:\n");
      out.write("  interval: " + interval.toMillis() + "ms\n");
      out.write("  timeout: " + timeout.toMillis() + "ms\n");
      out.write("sites:\n");
      for (int i = 0; i < sites; i++) {
        out.write("  - id: " + id(i) + "\n    url: " + farm.url(i) + "\n");
      }
      more.write(out);
    }
    Files.move(next, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }

  static String id(int site) {
    return String.format("%s%06d", PREFIX, site);
  }
}
