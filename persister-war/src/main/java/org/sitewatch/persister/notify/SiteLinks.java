package org.sitewatch.persister.notify;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * Links to a site's status page under the persister's public address ({@code sitewatch.public-url},
 * context root included), as people reading a notification reach it.
 */
public final class SiteLinks {

  private final String base;

  public SiteLinks(String publicUrl) {
    String url = publicUrl.strip();
    if (!url.startsWith("http://") && !url.startsWith("https://")) {
      throw new IllegalArgumentException(
          "sitewatch.public-url must start with http:// or https://, got '" + publicUrl + "'");
    }
    base = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
  }

  public String page(String siteId) {
    return base + "/status/site.html?id=" + URLEncoder.encode(siteId, StandardCharsets.UTF_8);
  }
}
