package org.sitewatch.checker.probe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class BoundedBodyTest {

  private static InputStream endless() {
    return new InputStream() {
      @Override
      public int read() {
        return 'x';
      }
    };
  }

  @Test
  void readsAWholeSmallBodyInItsCharset() throws IOException {
    byte[] latin1 = "café".getBytes(StandardCharsets.ISO_8859_1);
    BoundedBody.Text text = BoundedBody.read(new ByteArrayInputStream(latin1), 1024, "ISO-8859-1");
    assertEquals("café", text.text());
    assertTrue(text.ended(), "the whole body was read");
  }

  @Test
  void stopsReadingAnEndlessBodyAtTheLimit() throws IOException {
    BoundedBody.Text text = BoundedBody.read(endless(), 200_000, null);
    assertEquals(200_000, text.text().length());
    assertFalse(text.ended(), "an endless body does not end");
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
    assertEquals(1024, BoundedBody.read(endless, 1024, null).text().length());
  }

  @Test
  void anUnknownCharsetFallsBackToUtf8() throws IOException {
    byte[] utf8 = "ünïcode".getBytes(StandardCharsets.UTF_8);
    assertEquals(
        "ünïcode", BoundedBody.read(new ByteArrayInputStream(utf8), 1024, "x-bogus").text());
  }

  @Test
  void aBodyExactlyAtTheCapHasEndedOnlyIfNothingFollows() throws IOException {
    assertTrue(BoundedBody.discard(new ByteArrayInputStream(new byte[100]), 100));
    assertFalse(BoundedBody.discard(new ByteArrayInputStream(new byte[101]), 100));
    assertTrue(BoundedBody.discard(new ByteArrayInputStream(new byte[0]), 0));
  }

  @Test
  void discardingStopsAtTheCap() throws IOException {
    assertFalse(BoundedBody.discard(endless(), 200_000), "an endless body does not end");
  }
}
