package org.sitewatch.checker.catalog;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Where the other checkers' sites files differ from this one's, as the catalogue topic shows it:
 * the latest record another checker wrote for a site is a definition other than this checker's, a
 * tombstone of a site this file has, or a site this file lacks. Checkers that share sites must run
 * one file; a site only another checker's file has is probed only while that checker owns it. Not
 * thread-safe: the catalogue's worker thread feeds it.
 */
final class CatalogueDifferences {

  /** How many sites a summary names. */
  static final int NAMED = 5;

  private record Written(String writer, Optional<ByteBuffer> value) {}

  private final String self;
  private final Map<String, Written> byOthers = new TreeMap<>();
  private Map<String, ByteBuffer> wanted = Map.of();

  /**
   * @param self this checker's id, which its own records carry
   */
  CatalogueDifferences(String self) {
    this.self = self;
  }

  /** This checker's definitions, encoded, by site id. */
  void want(Map<String, ByteBuffer> definitions) {
    wanted = Map.copyOf(definitions);
  }

  /**
   * A record of the topic, in the order written.
   *
   * @param writer the checker that wrote it; null when it did not say
   * @param value its definition; empty for a tombstone
   */
  void written(String key, Optional<ByteBuffer> value, String writer) {
    if (self.equals(writer)) {
      byOthers.remove(key);
    } else {
      byOthers.put(key, new Written(writer == null ? "another checker" : writer, value));
    }
  }

  /** What differs, in words for readiness and the log; empty when nothing does. */
  Optional<String> summary() {
    List<String> differing = new ArrayList<>();
    byOthers.forEach(
        (key, written) -> {
          ByteBuffer mine = wanted.get(key);
          if (written.value().isPresent() && mine == null) {
            differing.add(key + " (only in " + written.writer() + "'s file)");
          } else if (written.value().isEmpty() && mine != null) {
            differing.add(key + " (not in " + written.writer() + "'s file)");
          } else if (written.value().isPresent() && !Objects.equals(written.value().get(), mine)) {
            differing.add(key + " (defined otherwise by " + written.writer() + ")");
          }
        });
    if (differing.isEmpty()) {
      return Optional.empty();
    }
    String named = String.join(", ", differing.subList(0, Math.min(NAMED, differing.size())));
    return Optional.of(
        differing.size()
            + " sites differ from another checker's sites file: "
            + named
            + (differing.size() > NAMED ? ", …" : ""));
  }
}
