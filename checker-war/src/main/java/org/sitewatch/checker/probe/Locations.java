package org.sitewatch.checker.probe;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;

/**
 * Reads a redirect's {@code Location} as browsers do: sites send spaces, non-ASCII text and other
 * characters a URI may not hold, and browsers follow them, percent-encoded as UTF-8.
 */
final class Locations {

  /** What a URI holds as it is: unreserved and reserved characters, and {@code %} escapes. */
  private static final String ALLOWED =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~:/?#[]@!$&'()*+,;=";

  private static final char[] HEX = "0123456789ABCDEF".toCharArray();

  private Locations() {}

  /**
   * The URL {@code location} leads to from {@code base}.
   *
   * @throws URISyntaxException if even encoded it is not a URI reference
   */
  static URI resolve(URI base, String location) throws URISyntaxException {
    URI target = new URI(encodeTolerated(location.strip()));
    // java.net.URI joins a relative path to an authority with an empty path without a '/'.
    URI from = base.getRawPath() == null || base.getRawPath().isEmpty() ? base.resolve("/") : base;
    return from.resolve(target);
  }

  private static String encodeTolerated(String location) {
    int authorityEnd = authorityEnd(location);
    boolean fragment = false;
    StringBuilder out = new StringBuilder(location.length() + 16);
    for (int i = 0; i < location.length(); i++) {
      char c = location.charAt(i);
      boolean keep =
          ALLOWED.indexOf(c) >= 0
                  // Brackets belong around an IPv6 host only; a second '#' is text.
                  && !((c == '[' || c == ']') && i >= authorityEnd)
                  && !(c == '#' && fragment)
              || c == '%' && isEscape(location, i);
      fragment |= c == '#';
      if (keep) {
        out.append(c);
      } else {
        int end = Character.isHighSurrogate(c) && i + 1 < location.length() ? i + 2 : i + 1;
        for (byte b : location.substring(i, end).getBytes(StandardCharsets.UTF_8)) {
          out.append('%').append(HEX[(b >> 4) & 0xf]).append(HEX[b & 0xf]);
        }
        i = end - 1;
      }
    }
    return out.toString();
  }

  /** Where the authority ends ({@code //host:port}), or 0 when there is none. */
  private static int authorityEnd(String location) {
    int start = location.indexOf("//");
    if (start < 0 || start != location.indexOf(':') + 1 && start != 0) {
      return 0;
    }
    int end = start + 2;
    while (end < location.length() && "/?#".indexOf(location.charAt(end)) < 0) {
      end++;
    }
    return end;
  }

  private static boolean isEscape(String text, int i) {
    return i + 2 < text.length() && isHex(text.charAt(i + 1)) && isHex(text.charAt(i + 2));
  }

  private static boolean isHex(char c) {
    return Character.digit(c, 16) >= 0 && c < 128;
  }
}
