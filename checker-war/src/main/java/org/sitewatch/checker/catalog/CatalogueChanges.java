package org.sitewatch.checker.catalog;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the catalogue topic needs so that it holds the wanted definitions: each one that is new or
 * differs from the published one, and a tombstone for every published key no longer wanted.
 * Compared as encoded bytes, so a record an older or newer checker wrote is written again in this
 * checker's version.
 */
final class CatalogueChanges {

  /** One record to write: a definition, or a tombstone when {@code value} is empty. */
  record Change(String key, Optional<ByteBuffer> value) {}

  private CatalogueChanges() {}

  static List<Change> between(Map<String, ByteBuffer> published, Map<String, ByteBuffer> wanted) {
    List<Change> changes = new ArrayList<>();
    wanted.forEach(
        (key, value) -> {
          if (!value.equals(published.get(key))) {
            changes.add(new Change(key, Optional.of(value)));
          }
        });
    published.keySet().stream()
        .filter(key -> !wanted.containsKey(key))
        .sorted()
        .forEach(key -> changes.add(new Change(key, Optional.empty())));
    return changes;
  }
}
