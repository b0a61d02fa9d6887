package org.sitewatch.infra;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;

/** File-system helpers. */
public final class Directories {

  private Directories() {}

  /** Deletes {@code dir} and everything below it (symbolic links are removed, not followed). */
  public static void deleteRecursively(Path dir) throws IOException {
    if (!Files.exists(dir, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    Files.walkFileTree(
        dir,
        new SimpleFileVisitor<>() {
          @Override
          public FileVisitResult visitFile(Path file, BasicFileAttributes attrs)
              throws IOException {
            deleteIfPresent(file);
            return FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult postVisitDirectory(Path d, IOException e) throws IOException {
            if (e != null) {
              throw e;
            }
            deleteIfPresent(d);
            return FileVisitResult.CONTINUE;
          }
        });
  }

  private static void deleteIfPresent(Path p) throws IOException {
    try {
      Files.delete(p);
    } catch (NoSuchFileException alreadyGone) {
      // a server that is shutting down may remove its own files meanwhile
    }
  }
}
