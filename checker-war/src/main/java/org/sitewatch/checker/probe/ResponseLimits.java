package org.sitewatch.checker.probe;

import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.sitewatch.common.Outcome;
import org.sitewatch.common.Reason;

/**
 * What a response may not exceed to count as an answer. Browsers and servers refuse header blocks
 * far smaller than a megabyte (8 to 64 KiB is usual); a site that sends more is broken, not up.
 */
final class ResponseLimits {

  static final int MAX_HEADER_BYTES = 64 * 1024;

  private ResponseLimits() {}

  /** DOWN when the response's header block is over {@link #MAX_HEADER_BYTES}. */
  static Optional<Outcome> headersTooLarge(Response response) {
    return headersTooLarge(response.getStringHeaders());
  }

  static Optional<Outcome> headersTooLarge(Map<String, List<String>> headers) {
    long bytes = 0;
    for (Map.Entry<String, List<String>> header : headers.entrySet()) {
      for (String value : header.getValue()) {
        bytes += header.getKey().length() + value.length() + 4; // ": " and CRLF
      }
    }
    if (bytes <= MAX_HEADER_BYTES) {
      return Optional.empty();
    }
    return Optional.of(
        Outcome.down(
            Reason.ERROR,
            "response headers too large: "
                + bytes / 1024
                + " KiB, over the limit of "
                + MAX_HEADER_BYTES / 1024
                + " KiB"));
  }
}
