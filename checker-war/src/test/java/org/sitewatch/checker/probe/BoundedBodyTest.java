package org.sitewatch.checker.probe;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class BoundedBodyTest {

  @Test
  void readsAWholeSmallBodyInItsCharset() throws IOException {
    byte[] latin1 = "café".getBytes(StandardCharsets.ISO_8859_1);
    assertEquals("café", BoundedBody.read(new ByteArrayInputStream(latin1), 1024, "ISO-8859-1"));
  }

  @Test
  void stopsReadingAnEndlessBodyAtTheLimit() throws IOException {
    InputStream endless =
        new InputStream() {
          @Override
          public int read() {
            return 'x';
          }
        };
    assertEquals(200_000, BoundedBody.read(endless, 200_000, null).length());
  }

  @Test
  void leavesAnEndlessBodyUnclosed() throws IOException {
    InputStream endless =
        new InputStream() {
          @Override
          public int read() {
            return 'x';
          }

          @Override
          public void close() {
            throw new AssertionError("closing would drain an endless body");
          }
        };
    assertEquals(1024, BoundedBody.read(endless, 1024, null).length());
  }

  @Test
  void anUnknownCharsetFallsBackToUtf8() throws IOException {
    byte[] utf8 = "ünïcode".getBytes(StandardCharsets.UTF_8);
    assertEquals("ünïcode", BoundedBody.read(new ByteArrayInputStream(utf8), 1024, "x-bogus"));
  }
}
