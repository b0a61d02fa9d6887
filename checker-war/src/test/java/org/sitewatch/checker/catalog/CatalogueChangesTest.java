package org.sitewatch.checker.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.sitewatch.checker.catalog.CatalogueChanges.Change;

class CatalogueChangesTest {

  private static ByteBuffer value(String text) {
    return ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void writesNewAndChangedSitesAndTombstonesRemovedOnes() {
    Map<String, ByteBuffer> published =
        Map.of(
            "kept",
            value("k"),
            "changed",
            value("old"),
            "gone",
            value("g"),
            "also-gone",
            value("a"));
    Map<String, ByteBuffer> wanted =
        Map.of("kept", value("k"), "changed", value("new"), "added", value("n"));

    List<Change> changes = CatalogueChanges.between(published, wanted);

    assertEquals(4, changes.size(), "two definitions and two tombstones: " + changes);
    assertEquals(
        Map.of(
            "changed", Optional.of(value("new")),
            "added", Optional.of(value("n")),
            "also-gone", Optional.<ByteBuffer>empty(),
            "gone", Optional.<ByteBuffer>empty()),
        Map.copyOf(
            changes.stream()
                .collect(java.util.stream.Collectors.toMap(Change::key, Change::value))));
    assertEquals(
        List.of("also-gone", "gone"),
        changes.stream().filter(c -> c.value().isEmpty()).map(Change::key).toList(),
        "tombstones after the definitions, by key");
  }

  @Test
  void anEmptyTopicGetsEverySite() {
    List<Change> changes =
        CatalogueChanges.between(Map.of(), Map.of("a", value("a"), "b", value("b")));

    assertEquals(2, changes.size());
  }

  @Test
  void aCatalogueThatHoldsTheWantedSitesNeedsNothing() {
    assertEquals(
        List.of(), CatalogueChanges.between(Map.of("a", value("a")), Map.of("a", value("a"))));
  }
}
