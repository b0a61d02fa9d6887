package org.sitewatch.checker.site;

import static org.sitewatch.support.text.MessageText.quote;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.sitewatch.support.duration.Durations;

/**
 * The rules a {@link Site}'s values obey, shared by the records' constructors (which throw) and the
 * sites file parser (which reports every broken rule with its line). Each check returns what is
 * wrong, in words fit to show the user, or nothing.
 *
 * <p>Just over 300 lines: one short rule per field, a table to read top to bottom; the records and
 * the parser reach each rule by name.
 */
final class SiteRules {

  private static final Pattern ID = Pattern.compile("[A-Za-z0-9._-]+");

  /** What comes between the first {@code //} and the path, query or fragment. */
  private static final Pattern AUTHORITY = Pattern.compile("[^/?#]*//([^/?#]*)");

  private static final String HEADER_NAME_SYMBOLS = "!#$%&'*+-.^_`|~";

  /**
   * The longest remindEvery, maintenance duration or recurrence: ten years, far within the
   * catalogue's long of microseconds.
   */
  static final Duration MAX_CALENDAR_DURATION = Duration.ofDays(3650);

  private SiteRules() {}

  static Optional<String> idProblem(String id) {
    if (id.length() > Site.MAX_ID_LENGTH) {
      return Optional.of(
          "id is " + id.length() + " characters long, at most " + Site.MAX_ID_LENGTH);
    }
    if (!ID.matcher(id).matches()) {
      return Optional.of(
          quote(id)
              + " is not a valid id: use 1 to "
              + Site.MAX_ID_LENGTH
              + " of the characters A-Z a-z 0-9 . _ -");
    }
    return Optional.empty();
  }

  static Optional<String> nameProblem(String name) {
    return name.isBlank() ? Optional.of("name is blank") : Optional.empty();
  }

  static Optional<String> urlProblem(URI url) {
    String text = url.toString();
    Optional<String> credentials = credentialsProblem(text);
    if (credentials.isPresent()) {
      return credentials;
    }
    if (!url.isAbsolute()) {
      return Optional.of(
          quote(text) + " is not an absolute URL: start it with https:// or http://");
    }
    String scheme = url.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("http") && !scheme.equals("https")) {
      return Optional.of(
          "scheme '"
              + url.getScheme()
              + "' is not supported in "
              + quote(text)
              + ": use http or https");
    }
    if (url.isOpaque() || url.getHost() == null) {
      return Optional.of(quote(text) + " has no valid host name");
    }
    if (text.length() > Site.MAX_URL_LENGTH) {
      return Optional.of(
          "url is " + text.length() + " characters long, at most " + Site.MAX_URL_LENGTH);
    }
    return Optional.empty();
  }

  /** What is wrong with the text of a URL: credentials first, so that no message shows them. */
  static Optional<String> urlTextProblem(String text) {
    Optional<String> credentials = credentialsProblem(text);
    if (credentials.isPresent()) {
      return credentials;
    }
    for (int i = 0; i < text.length(); i++) {
      if (Character.isWhitespace(text.charAt(i)) || Character.isISOControl(text.charAt(i))) {
        return Optional.of(
            quote(text)
                + " is not a valid URL: it contains a space or control character at index "
                + i
                + " (encode a space as %20)");
      }
    }
    try {
      return urlProblem(new URI(text));
    } catch (URISyntaxException e) {
      return Optional.of(
          quote(text)
              + " is not a valid URL: "
              + e.getReason()
              + (e.getIndex() >= 0 ? " at index " + e.getIndex() : ""));
    }
  }

  /**
   * A user name or password before the host. Checked on the text, before the URL is parsed, so that
   * no other message about the URL shows the password; the message never shows the URL.
   */
  static Optional<String> credentialsProblem(String url) {
    Matcher authority = AUTHORITY.matcher(url);
    if (!authority.lookingAt() || authority.group(1).indexOf('@') < 0) {
      return Optional.empty();
    }
    return Optional.of(
        "url must not hold credentials (user:password@): they would be stored with every result,"
            + " served by the API and logged; send them in a header instead, e.g. headers: {"
            + " Authorization: \"Basic ${MY_SITE_AUTH}\" } with MY_SITE_AUTH set to the base64"
            + " of user:password");
  }

  static Optional<String> intervalProblem(Duration interval) {
    if (interval.compareTo(Schedule.MIN_INTERVAL) < 0
        || interval.compareTo(Schedule.MAX_INTERVAL) > 0) {
      return Optional.of(
          "interval "
              + Durations.format(interval)
              + " is out of range: use "
              + Durations.format(Schedule.MIN_INTERVAL)
              + " to "
              + Durations.format(Schedule.MAX_INTERVAL));
    }
    return Optional.empty();
  }

  static Optional<String> positiveProblem(String field, Duration duration) {
    if (duration.isZero() || duration.isNegative()) {
      return Optional.of(field + " must be longer than 0s");
    }
    return Optional.empty();
  }

  /** A duration of the alerts or maintenance: from {@code min} to ten years. */
  static Optional<String> calendarDurationProblem(String field, Duration value, Duration min) {
    if (value.compareTo(min) < 0 || value.compareTo(MAX_CALENDAR_DURATION) > 0) {
      return Optional.of(
          "%s %s is out of range: use %s to %dd"
              .formatted(
                  field,
                  Durations.format(value),
                  Durations.format(min),
                  MAX_CALENDAR_DURATION.toDays()));
    }
    return Optional.empty();
  }

  static Optional<String> regexProblem(String regex, int flags) {
    try {
      Pattern.compile(regex, flags);
      return Optional.empty();
    } catch (PatternSyntaxException e) {
      return Optional.of(
          "invalid regex "
              + quote(regex)
              + ": "
              + e.getDescription()
              + (e.getIndex() >= 0 ? " near index " + e.getIndex() : ""));
    }
  }

  static Optional<String> timeoutProblem(Duration timeout, Duration interval) {
    if (timeout.compareTo(interval) > 0) {
      return Optional.of(
          "timeout "
              + Durations.format(timeout)
              + " exceeds the interval "
              + Durations.format(interval));
    }
    return Optional.empty();
  }

  static Optional<String> methodProblem(String method) {
    if (!Request.METHODS.contains(method)) {
      return Optional.of(
          "method "
              + quote(method)
              + " is not supported: use one of "
              + String.join(", ", Request.METHODS));
    }
    return Optional.empty();
  }

  static Optional<String> headerNameProblem(String name) {
    if (name.isEmpty()) {
      return Optional.of("header name is empty");
    }
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      boolean token =
          (c >= 'a' && c <= 'z')
              || (c >= 'A' && c <= 'Z')
              || (c >= '0' && c <= '9')
              || HEADER_NAME_SYMBOLS.indexOf(c) >= 0;
      if (!token) {
        return Optional.of(
            quote(name)
                + " is not a valid header name: use letters, digits and "
                + HEADER_NAME_SYMBOLS
                + " only");
      }
    }
    return Optional.empty();
  }

  static Optional<String> headerValueProblem(String name, String value) {
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c == '\r' || c == '\n') {
        return Optional.of("value of header " + quote(name) + " contains a line break (CR or LF)");
      }
      if ((c < 0x20 && c != '\t') || c == 0x7f) {
        return Optional.of(
            "value of header "
                + quote(name)
                + " contains the control character U+"
                + String.format("%04X", (int) c));
      }
    }
    return Optional.empty();
  }

  static Optional<String> bodyProblem(String method, String body) {
    if (!Request.METHODS_WITH_BODY.contains(method)) {
      return Optional.of(
          "method "
              + method
              + " sends no body: use "
              + String.join(", ", Request.METHODS_WITH_BODY)
              + ", or remove 'body'");
    }
    if (body.length() > Request.MAX_BODY_LENGTH) {
      return Optional.of(
          "body is " + body.length() + " characters long, at most " + Request.MAX_BODY_LENGTH);
    }
    return Optional.empty();
  }

  static Optional<String> maxBodyBytesProblem(long maxBodyBytes) {
    return inRange("maxBodyBytes", maxBodyBytes, 1, Expectation.MAX_MAX_BODY_BYTES);
  }

  static Optional<String> maxResponseTimeProblem(Duration maxResponseTime, Duration timeout) {
    Optional<String> positive = positiveProblem("maxResponseTime", maxResponseTime);
    if (positive.isPresent()) {
      return positive;
    }
    if (maxResponseTime.compareTo(timeout) >= 0) {
      return Optional.of(
          "maxResponseTime "
              + Durations.format(maxResponseTime)
              + " is not shorter than the timeout "
              + Durations.format(timeout)
              + ": a slower probe times out first");
    }
    return Optional.empty();
  }

  static Optional<String> maxRedirectsProblem(long maxRedirects) {
    return inRange("maxRedirects", maxRedirects, 0, RedirectPolicy.MAX_MAX);
  }

  static Optional<String> tlsMinDaysLeftProblem(long days) {
    return inRange("minDaysLeft", days, 1, Expectation.MAX_TLS_MIN_DAYS_LEFT);
  }

  static Optional<String> retriesProblem(long retries) {
    return inRange("retries", retries, 0, Site.MAX_RETRIES);
  }

  /** Every attempt of a probe must fit in the interval, so that probes of a site never overlap. */
  static Optional<String> retriesFitProblem(long retries, Duration timeout, Duration interval) {
    if (retries > 0 && timeout.multipliedBy(retries + 1).compareTo(interval) > 0) {
      return Optional.of(
          "retries "
              + retries
              + " with a timeout of "
              + Durations.format(timeout)
              + " may take "
              + Durations.format(timeout.multipliedBy(retries + 1))
              + ", longer than the interval "
              + Durations.format(interval)
              + ": use fewer retries, a shorter timeout or a longer interval");
    }
    return Optional.empty();
  }

  /** Throws the problem, if there is one, as an {@link IllegalArgumentException}. */
  static void require(Optional<String> problem) {
    if (problem.isPresent()) {
      throw new IllegalArgumentException(problem.get());
    }
  }

  private static Optional<String> inRange(String field, long value, long min, long max) {
    if (value < min || value > max) {
      return Optional.of(field + " " + value + " is out of range: use " + min + " to " + max);
    }
    return Optional.empty();
  }
}
