package org.sitewatch.persister.notify;

import java.net.URI;
import java.util.Map;

/** What an HTTP channel sends: a JSON body, its URL and headers of its own. */
record HttpPost(URI url, byte[] body, Map<String, String> headers) {

  HttpPost {
    headers = Map.copyOf(headers);
  }
}
