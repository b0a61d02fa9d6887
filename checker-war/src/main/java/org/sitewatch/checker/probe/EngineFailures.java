package org.sitewatch.checker.probe;

import java.io.EOFException;
import java.net.SocketException;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The HTTP engine's failures of an exchange under way, in Sitewatch's words: its own text names
 * engine classes and internals a site's operator cannot act on. Engine types are matched by simple
 * name, so that this stays free of any one engine.
 */
final class EngineFailures {

  /** Apache HttpCore's count of a body cut short: "(expected: 5,000; received: 1,234)". */
  private static final Pattern CONTENT_LENGTH_CUT =
      Pattern.compile("expected: ([\\d,]+); received: ([\\d,]+)");

  private static final String CLOSED_EARLY =
      "the connection closed before the response was complete";

  private static final String HEADERS_TOO_LARGE =
      "the response's header block is beyond the HTTP client's limits";

  private EngineFailures() {}

  /** What went wrong, if {@code t} is a failure this knows; empty otherwise. */
  static Optional<String> describe(Throwable t) {
    String message = t.getMessage() == null ? "" : t.getMessage();
    return Optional.ofNullable(
        switch (t.getClass().getSimpleName()) {
          case "ConnectionClosedException" -> closedEarly(message);
          case "TruncatedChunkException" -> CLOSED_EARLY;
          case "NoHttpResponseException" -> "the site closed the connection without answering";
          case "MalformedChunkCodingException" -> "the response's chunked body is malformed";
          case "MessageConstraintException" -> HEADERS_TOO_LARGE;
          // HttpURLConnection's "Header size too big: 393260 > 393216".
          case "ProtocolException", "ParseException" ->
              message.toLowerCase(Locale.ROOT).startsWith("header size")
                  ? HEADERS_TOO_LARGE
                  : "the response is not valid HTTP";
          default -> t instanceof EOFException ? CLOSED_EARLY : socketFailure(t, message);
        });
  }

  private static String closedEarly(String message) {
    Matcher counts = CONTENT_LENGTH_CUT.matcher(message);
    if (counts.find()) {
      return "the connection closed after "
          + counts.group(2)
          + " of "
          + counts.group(1)
          + " body bytes";
    }
    return CLOSED_EARLY;
  }

  private static String socketFailure(Throwable t, String message) {
    if (!(t instanceof SocketException)) {
      return null;
    }
    return message.toLowerCase(Locale.ROOT).contains("reset")
        ? "the site reset the connection"
        : "the connection broke off";
  }
}
