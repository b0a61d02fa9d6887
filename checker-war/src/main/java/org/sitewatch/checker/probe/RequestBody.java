package org.sitewatch.checker.probe;

import jakarta.ws.rs.client.Entity;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import java.util.Map;
import org.sitewatch.checker.site.Site;

/** A site's request body as an entity, typed by its Content-Type header (default text/plain). */
final class RequestBody {

  static final MediaType DEFAULT_TYPE = MediaType.TEXT_PLAIN_TYPE.withCharset("UTF-8");

  private RequestBody() {}

  static Entity<String> of(Site site) {
    return Entity.entity(site.request().body().orElseThrow(), type(site.request().headers()));
  }

  static MediaType type(Map<String, String> headers) {
    for (Map.Entry<String, String> header : headers.entrySet()) {
      if (header.getKey().equalsIgnoreCase(HttpHeaders.CONTENT_TYPE)) {
        try {
          return MediaType.valueOf(header.getValue());
        } catch (IllegalArgumentException e) {
          return DEFAULT_TYPE;
        }
      }
    }
    return DEFAULT_TYPE;
  }
}
