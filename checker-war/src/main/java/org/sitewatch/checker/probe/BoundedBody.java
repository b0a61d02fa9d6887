package org.sitewatch.checker.probe;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;
import java.util.Arrays;

/** Reads at most a fixed number of body bytes, so a huge or endless body cannot exhaust memory. */
final class BoundedBody {

  private BoundedBody() {}

  /**
   * A body as far as it was read.
   *
   * @param ended whether the body ended within the cap, so the stream is at its end
   */
  record Text(String text, boolean ended) {}

  /**
   * Reads up to {@code maxBytes} and leaves the stream open: closing an HTTP client's entity stream
   * reads the rest of the body first, which for an endless body never ends. The caller aborts the
   * connection instead, unless the body ended.
   */
  static Text read(InputStream in, int maxBytes, String charsetName) throws IOException {
    byte[] buffer = new byte[Math.min(maxBytes, 64 * 1024)];
    int length = 0;
    boolean ended = false;
    while (length < maxBytes && !ended) {
      if (length == buffer.length) {
        buffer = Arrays.copyOf(buffer, Math.min(maxBytes, buffer.length * 2));
      }
      int n = in.read(buffer, length, buffer.length - length);
      if (n < 0) {
        ended = true;
      } else {
        length += n;
      }
    }
    return new Text(new String(buffer, 0, length, charset(charsetName)), ended);
  }

  /** Reads and forgets up to {@code maxBytes}, as {@link #read}; true when the body ended. */
  static boolean discard(InputStream in, long maxBytes) throws IOException {
    byte[] buffer = new byte[8 * 1024];
    for (long left = maxBytes; left > 0; ) {
      int n = in.read(buffer, 0, (int) Math.min(buffer.length, left));
      if (n < 0) {
        return true;
      }
      left -= n;
    }
    return in.read() < 0;
  }

  private static Charset charset(String name) {
    if (name == null || name.isBlank()) {
      return StandardCharsets.UTF_8;
    }
    try {
      return Charset.forName(name);
    } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
      return StandardCharsets.UTF_8;
    }
  }
}
