package org.sitewatch.checker.publish;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class ByteSizeTest {

  @Test
  void plainBytesAndUnits() {
    assertEquals(67_108_864L, ByteSize.parse("s", "67108864"));
    assertEquals(64L << 20, ByteSize.parse("s", "64MiB"));
    assertEquals(128_000_000L, ByteSize.parse("s", "128MB"));
    assertEquals(1L << 30, ByteSize.parse("s", " 1 gib "));
    assertEquals(512L, ByteSize.parse("s", "512B"));
    assertEquals(2_000L, ByteSize.parse("s", "2kb"));
  }

  @Test
  void anythingElseNamesTheSetting() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> ByteSize.parse("sitewatch.publish.buffer-bytes", "64 megs"));
    assertEquals(
        "sitewatch.publish.buffer-bytes is '64 megs': use bytes, or a number with KB, MB, GB,"
            + " KiB, MiB or GiB",
        e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> ByteSize.parse("s", "-1MiB"));
    assertThrows(IllegalArgumentException.class, () -> ByteSize.parse("s", "99999999999GiB"));
  }
}
