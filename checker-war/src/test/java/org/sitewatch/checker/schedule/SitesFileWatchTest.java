package org.sitewatch.checker.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sitewatch.checker.site.InvalidSitesFileException;
import org.sitewatch.checker.site.SitesFileParser;

class SitesFileWatchTest {

  @TempDir Path dir;

  private Path write(String content) throws IOException {
    return Files.writeString(dir.resolve("sites.yaml"), content);
  }

  @Test
  void reportsAChangeOnceAndOnlyWhenTheContentChanged() throws IOException {
    Path file = write("sites:\n  - url: https://a.example\n");
    SitesFileWatch watch = new SitesFileWatch(file, new SitesFileParser());
    assertEquals(1, watch.load().size());
    assertTrue(watch.changed().isEmpty(), "unchanged content is no change");

    write("sites:\n  - url: https://a.example\n  - url: https://b.example\n");
    assertEquals(2, watch.changed().orElseThrow().size());
    assertTrue(watch.changed().isEmpty(), "a change is reported once");
  }

  @Test
  void anInvalidChangeIsRejectedOnceWithFileLineAndField() throws IOException {
    Path file = write("sites:\n  - url: https://a.example\n");
    SitesFileWatch watch = new SitesFileWatch(file, new SitesFileParser());
    watch.load();

    write("sites:\n  - url: https://a.example\n    intervall: 5s\n");
    InvalidSitesFileException e = assertThrows(InvalidSitesFileException.class, watch::changed);
    assertTrue(
        e.getMessage().startsWith(file + ":3: sites[0].intervall: unknown field"), e.getMessage());
    assertTrue(watch.changed().isEmpty(), "the same invalid content is not rejected again");
  }

  @Test
  void revertingToTheRunningContentIsNoChangeAndShowsTheRunningSet() throws IOException {
    String good = "sites:\n  - url: https://a.example\n";
    Path file = write(good);
    SitesFileWatch watch = new SitesFileWatch(file, new SitesFileParser());
    watch.load();
    write("sites: [");
    assertThrows(InvalidSitesFileException.class, watch::changed);
    assertFalse(watch.showsApplied());

    write(good);
    assertTrue(watch.changed().isEmpty(), "back to what runs: nothing to apply");
    assertTrue(watch.showsApplied());
  }

  @Test
  void aVanishedFileIsARejectionNamingTheFile() throws IOException {
    Path file = write("sites:\n  - url: https://a.example\n");
    SitesFileWatch watch = new SitesFileWatch(file, new SitesFileParser());
    watch.load();
    Files.delete(file);
    InvalidSitesFileException e = assertThrows(InvalidSitesFileException.class, watch::changed);
    assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
  }
}
