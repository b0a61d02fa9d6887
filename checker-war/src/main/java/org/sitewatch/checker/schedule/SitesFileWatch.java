package org.sitewatch.checker.schedule;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.sitewatch.checker.site.InvalidSitesFileException;
import org.sitewatch.checker.site.Site;
import org.sitewatch.checker.site.SitesFileParser;

/**
 * Notices when the sites file's content changed since it was last read. Content, not modification
 * time: editors and config-management tools rewrite files in ways mtime alone misreports.
 */
final class SitesFileWatch {

  private final Path file;
  private final SitesFileParser parser;
  private byte[] lastSeen;
  private byte[] applied;

  SitesFileWatch(Path file, SitesFileParser parser) {
    this.file = file;
    this.parser = parser;
  }

  Path file() {
    return file;
  }

  /** Reads and parses the file now; the content becomes the one later changes are measured from. */
  List<Site> load() {
    byte[] digest = digest(read());
    List<Site> sites = parser.parse(file);
    lastSeen = digest;
    applied = digest;
    return sites;
  }

  /**
   * The new site list if the content changed since it was last seen and differs from the running
   * one, else empty. An invalid content is rejected once (the exception), not at every poll.
   *
   * @throws InvalidSitesFileException when the changed content is invalid
   */
  Optional<List<Site>> changed() {
    byte[] digest = digest(read());
    if (Arrays.equals(digest, lastSeen)) {
      return Optional.empty();
    }
    lastSeen = digest;
    if (Arrays.equals(digest, applied)) {
      return Optional.empty();
    }
    // Parsing reads the file again (with its strict UTF-8 check); should it have changed once more
    // in between, the next poll sees a new digest and reads it again.
    List<Site> sites = parser.parse(file);
    applied = digest;
    return Optional.of(sites);
  }

  /** Whether the file, as last seen, holds the content that is running (again). */
  boolean showsApplied() {
    return Arrays.equals(lastSeen, applied);
  }

  private byte[] read() {
    try {
      return Files.readAllBytes(file);
    } catch (IOException e) {
      throw new InvalidSitesFileException(
          List.of(
              new InvalidSitesFileException.Problem(
                  file.toString(),
                  InvalidSitesFileException.NO_LINE,
                  InvalidSitesFileException.NO_FIELD,
                  "cannot read: " + e)));
    }
  }

  private static byte[] digest(byte[] content) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(content);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }
}
