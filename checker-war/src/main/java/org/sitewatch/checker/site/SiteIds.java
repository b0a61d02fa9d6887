package org.sitewatch.checker.site;

import java.net.URI;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Derives a site's id when the sites file gives none: from its name if it has one, else from its
 * URL's host and path.
 */
final class SiteIds {

  private static final Pattern OUTSIDE_ID = Pattern.compile("[^a-z0-9._-]+");

  private SiteIds() {}

  /** The id derived from a name: {@code "Example Domain"} gives {@code example-domain}. */
  static String fromName(String name) {
    return derive(name);
  }

  /**
   * The id derived from a URL's host and path: {@code https://example.com/status/} gives {@code
   * example.com-status}.
   */
  static String fromUrl(URI url) {
    String host = url.getHost() == null ? "" : url.getHost();
    String path = url.getPath() == null ? "" : url.getPath();
    return derive(host + path);
  }

  /**
   * Lower-cases the text, replaces every run of characters outside {@code [a-z0-9._-]} by one
   * {@code -}, trims {@code -} from both ends and keeps at most 200 characters. The result may be
   * empty.
   */
  static String derive(String text) {
    String id = OUTSIDE_ID.matcher(text.toLowerCase(Locale.ROOT)).replaceAll("-");
    id = trimDashes(id);
    if (id.length() > Site.MAX_ID_LENGTH) {
      id = trimDashes(id.substring(0, Site.MAX_ID_LENGTH));
    }
    return id;
  }

  private static String trimDashes(String text) {
    int start = 0;
    int end = text.length();
    while (start < end && text.charAt(start) == '-') {
      start++;
    }
    while (end > start && text.charAt(end - 1) == '-') {
      end--;
    }
    return text.substring(start, end);
  }
}
