package org.sitewatch.common;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * What one probe of one site found: the event the checker emits and the persister stores.
 *
 * <p>Times are kept to the microsecond, the precision PostgreSQL stores.
 *
 * @param id unique, time-ordered (UUIDv7) id; the persister's idempotency key
 * @param siteId the site's id from the sites file; also the Kafka record key
 * @param url the URL that was probed
 * @param startedAt when the probe started
 * @param duration how long the probe took until its outcome was known, every attempt included
 * @param httpStatus the HTTP status, or {@code null} when no response arrived
 * @param regexMatched whether the body matched the site's regex, or {@code null} when none is set
 *     or no body was read
 * @param outcome UP, or DOWN with a reason
 * @param attempts how many HTTP attempts the probe made: 1, or more when a DOWN attempt was retried
 * @param tlsDaysLeft whole days until the server certificate expires (negative once expired), or
 *     {@code null} when no certificate was seen (plain HTTP, or no handshake got that far)
 * @param labels the site's free-form labels from the sites file; unmodifiable, sorted by key
 * @param scheduledAt when the probe was due, or {@code null} when it was not scheduled (or written
 *     by a checker that did not say); {@code startedAt} later than this is a late start
 * @param checker the instance id of the checker that probed, or {@code null} when written by a
 *     checker that did not say (before schema version 3)
 * @param location where the checker probed from: {@link #DEFAULT_LOCATION} unless its operator
 *     named one; each location probes every site
 */
public record CheckResult(
    UUID id,
    String siteId,
    String url,
    Instant startedAt,
    Duration duration,
    Integer httpStatus,
    Boolean regexMatched,
    Outcome outcome,
    int attempts,
    Integer tlsDaysLeft,
    Map<String, String> labels,
    Instant scheduledAt,
    String checker,
    String location) {

  public static final int MAX_SITE_ID_LENGTH = 200;
  public static final int MAX_URL_LENGTH = 2048;
  public static final int MAX_ATTEMPTS = 10;
  public static final int MAX_LABELS = 20;
  public static final int MAX_LABEL_KEY_LENGTH = 64;
  public static final int MAX_LABEL_VALUE_LENGTH = 256;
  public static final int MAX_CHECKER_LENGTH = 200;
  public static final int MAX_LOCATION_LENGTH = 64;

  /** The location of a checker whose operator named none, and of every result before v3. */
  public static final String DEFAULT_LOCATION = "default";

  /** Location names: the characters of site ids, so they fit in URLs, metrics and group ids. */
  public static final Pattern LOCATION = Pattern.compile("[A-Za-z0-9._-]+");

  /** Label keys: the characters of site ids plus {@code /}, as in {@code team/payments}. */
  public static final Pattern LABEL_KEY = Pattern.compile("[A-Za-z0-9._/-]+");

  public CheckResult {
    Objects.requireNonNull(id, "id");
    requireText(siteId, "siteId", MAX_SITE_ID_LENGTH);
    requireText(url, "url", MAX_URL_LENGTH);
    Objects.requireNonNull(startedAt, "startedAt");
    Objects.requireNonNull(duration, "duration");
    Objects.requireNonNull(outcome, "outcome");
    Objects.requireNonNull(labels, "labels");
    if (duration.isNegative()) {
      throw new IllegalArgumentException("duration is negative: " + duration);
    }
    if (httpStatus != null && (httpStatus < 100 || httpStatus > 599)) {
      throw new IllegalArgumentException("httpStatus " + httpStatus + " is not in 100-599");
    }
    if (attempts < 1 || attempts > MAX_ATTEMPTS) {
      throw new IllegalArgumentException("attempts " + attempts + " is not in 1-" + MAX_ATTEMPTS);
    }
    labelsProblem(labels)
        .ifPresent(
            problem -> {
              throw new IllegalArgumentException(problem);
            });
    startedAt = startedAt.truncatedTo(ChronoUnit.MICROS);
    duration = duration.truncatedTo(ChronoUnit.MICROS);
    if (scheduledAt != null) {
      scheduledAt = scheduledAt.truncatedTo(ChronoUnit.MICROS);
      if (scheduledAt.isAfter(startedAt)) {
        throw new IllegalArgumentException(
            "scheduledAt " + scheduledAt + " is after startedAt " + startedAt);
      }
    }
    labels = Collections.unmodifiableMap(new TreeMap<>(labels));
    probedByProblem(checker, location)
        .ifPresent(
            problem -> {
              throw new IllegalArgumentException(problem);
            });
  }

  /**
   * What is wrong with a checker's id (absent: null) and location, in words fit to show the user,
   * or nothing: an id of 1 to {@link #MAX_CHECKER_LENGTH} characters; a location of 1 to {@link
   * #MAX_LOCATION_LENGTH} of {@code A-Z a-z 0-9 . _ -}.
   */
  public static Optional<String> probedByProblem(String checker, String location) {
    if (checker != null) {
      Optional<String> problem = textProblem(checker, "checker", MAX_CHECKER_LENGTH);
      if (problem.isPresent()) {
        return problem;
      }
    }
    Optional<String> problem = textProblem(location, "location", MAX_LOCATION_LENGTH);
    if (problem.isPresent()) {
      return problem;
    }
    if (!LOCATION.matcher(location).matches()) {
      return Optional.of(
          "location '" + location + "' is not valid: use the characters A-Z a-z 0-9 . _ -");
    }
    return Optional.empty();
  }

  /**
   * A result of a checker that did not say who or where it was: the shape of results before schema
   * version 3.
   */
  public CheckResult(
      UUID id,
      String siteId,
      String url,
      Instant startedAt,
      Duration duration,
      Integer httpStatus,
      Boolean regexMatched,
      Outcome outcome,
      int attempts,
      Integer tlsDaysLeft,
      Map<String, String> labels,
      Instant scheduledAt) {
    this(
        id,
        siteId,
        url,
        startedAt,
        duration,
        httpStatus,
        regexMatched,
        outcome,
        attempts,
        tlsDaysLeft,
        labels,
        scheduledAt,
        null,
        DEFAULT_LOCATION);
  }

  /**
   * A result of one unscheduled attempt without TLS or labels: the shape of results before schema
   * version 2.
   */
  public CheckResult(
      UUID id,
      String siteId,
      String url,
      Instant startedAt,
      Duration duration,
      Integer httpStatus,
      Boolean regexMatched,
      Outcome outcome) {
    this(
        id,
        siteId,
        url,
        startedAt,
        duration,
        httpStatus,
        regexMatched,
        outcome,
        1,
        null,
        Map.of(),
        null);
  }

  /** This result, as probed by the checker {@code checker} in {@code location}. */
  public CheckResult probedBy(String checker, String location) {
    return new CheckResult(
        id,
        siteId,
        url,
        startedAt,
        duration,
        httpStatus,
        regexMatched,
        outcome,
        attempts,
        tlsDaysLeft,
        labels,
        scheduledAt,
        checker,
        location);
  }

  /** How late the probe started after it was due; empty when it was not scheduled. */
  public Optional<Duration> startLag() {
    return scheduledAt == null
        ? Optional.empty()
        : Optional.of(Duration.between(scheduledAt, startedAt));
  }

  /**
   * What is wrong with a set of labels, in words fit to show the user, or nothing: at most {@link
   * #MAX_LABELS}; keys 1 to {@link #MAX_LABEL_KEY_LENGTH} of {@code A-Z a-z 0-9 . _ / -}; values at
   * most {@link #MAX_LABEL_VALUE_LENGTH} characters, without control characters.
   */
  public static Optional<String> labelsProblem(Map<String, String> labels) {
    if (labels.size() > MAX_LABELS) {
      return Optional.of(labels.size() + " labels, at most " + MAX_LABELS);
    }
    for (Map.Entry<String, String> label : labels.entrySet()) {
      Optional<String> problem = labelProblem(label.getKey(), label.getValue());
      if (problem.isPresent()) {
        return problem;
      }
    }
    return Optional.empty();
  }

  /** What is wrong with one label, or nothing; see {@link #labelsProblem(Map)}. */
  public static Optional<String> labelProblem(String key, String value) {
    Objects.requireNonNull(key, "label key");
    Objects.requireNonNull(value, "label value");
    if (key.length() > MAX_LABEL_KEY_LENGTH) {
      return Optional.of(
          "label key is " + key.length() + " characters long, at most " + MAX_LABEL_KEY_LENGTH);
    }
    if (!LABEL_KEY.matcher(key).matches()) {
      return Optional.of(
          "label key '"
              + key
              + "' is not valid: use 1 to "
              + MAX_LABEL_KEY_LENGTH
              + " of the characters A-Z a-z 0-9 . _ / -");
    }
    if (value.length() > MAX_LABEL_VALUE_LENGTH) {
      return Optional.of(
          "value of label '"
              + key
              + "' is "
              + value.length()
              + " characters long, at most "
              + MAX_LABEL_VALUE_LENGTH);
    }
    if (value.chars().anyMatch(Character::isISOControl)) {
      return Optional.of("value of label '" + key + "' contains a control character");
    }
    return Optional.empty();
  }

  private static void requireText(String value, String field, int maxLength) {
    textProblem(value, field, maxLength)
        .ifPresent(
            problem -> {
              throw new IllegalArgumentException(problem);
            });
  }

  private static Optional<String> textProblem(String value, String field, int maxLength) {
    if (value == null || value.isBlank()) {
      return Optional.of(field + " is missing");
    }
    if (value.length() > maxLength) {
      return Optional.of(field + " is " + value.length() + " chars, at most " + maxLength);
    }
    return Optional.empty();
  }
}
