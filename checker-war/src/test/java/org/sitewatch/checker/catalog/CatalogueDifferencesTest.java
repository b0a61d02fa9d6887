package org.sitewatch.checker.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CatalogueDifferencesTest {

  private static ByteBuffer definition(String text) {
    return ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8));
  }

  private final CatalogueDifferences differences = new CatalogueDifferences("me");

  @Test
  void anotherCheckerWritingTheSameFileDiffersInNothing() {
    differences.want(Map.of("a", definition("A"), "b", definition("B")));
    differences.written("a", Optional.of(definition("A")), "other");
    differences.written("gone", Optional.empty(), "other");

    assertEquals(Optional.empty(), differences.summary());
  }

  @Test
  void namesEachSiteAndHowItDiffers() {
    differences.want(Map.of("a", definition("A"), "b", definition("B")));
    differences.written("a", Optional.of(definition("A, changed")), "c2");
    differences.written("b", Optional.empty(), "c2");
    differences.written("x", Optional.of(definition("X")), null);

    assertEquals(
        Optional.of(
            "3 sites differ from another checker's sites file: a (defined otherwise by c2), b (not"
                + " in c2's file), x (only in another checker's file)"),
        differences.summary());
  }

  @Test
  void thisCheckersLaterRecordOrAReloadSettlesIt() {
    differences.want(Map.of("a", definition("A")));
    differences.written("a", Optional.of(definition("A2")), "c2");
    differences.written("a", Optional.of(definition("A")), "me");
    differences.written("b", Optional.of(definition("B")), "c2");

    differences.want(Map.of("a", definition("A"), "b", definition("B")));

    assertEquals(Optional.empty(), differences.summary());
  }

  @Test
  void namesAtMostFiveSites() {
    differences.want(Map.of());
    for (int i = 0; i < 7; i++) {
      differences.written("s" + i, Optional.of(definition("S")), "c2");
    }

    assertEquals(
        Optional.of(
            "7 sites differ from another checker's sites file: s0 (only in c2's file), s1 (only in"
                + " c2's file), s2 (only in c2's file), s3 (only in c2's file), s4 (only in c2's"
                + " file), …"),
        differences.summary());
  }
}
