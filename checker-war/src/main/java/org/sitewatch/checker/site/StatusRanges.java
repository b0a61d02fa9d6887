package org.sitewatch.checker.site;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.sitewatch.support.text.MessageText;

/**
 * The HTTP statuses a site is expected to answer with: a set of inclusive ranges such as {@code
 * 200-299,301}.
 *
 * <p>Ranges are kept sorted and merged, so two instances that accept the same statuses are equal
 * and print the same, whichever way they were written.
 */
public final class StatusRanges {

  /** Lowest HTTP status code. */
  public static final int MIN_STATUS = 100;

  /** Highest HTTP status code. */
  public static final int MAX_STATUS = 599;

  /** What a site is expected to answer with when the sites file says nothing: 200-399. */
  public static final StatusRanges DEFAULT = of(List.of(new Range(200, 399)));

  private static final Pattern RANGE = Pattern.compile("(\\d{1,9})(?:\\s*-\\s*(\\d{1,9}))?");

  private final List<Range> ranges;

  private StatusRanges(List<Range> ranges) {
    this.ranges = ranges;
  }

  /**
   * An inclusive range of HTTP statuses; {@code from == to} for a single status.
   *
   * @param from lowest status in the range, 100-599
   * @param to highest status in the range, from-599
   */
  public record Range(int from, int to) {

    public Range {
      checkStatus(from);
      checkStatus(to);
      if (from > to) {
        throw new IllegalArgumentException(
            "range " + from + "-" + to + " is reversed (write " + to + "-" + from + ")");
      }
    }

    /** A range holding one status. */
    public static Range of(int status) {
      return new Range(status, status);
    }

    public boolean contains(int status) {
      return status >= from && status <= to;
    }

    @Override
    public String toString() {
      return from == to ? Integer.toString(from) : from + "-" + to;
    }
  }

  /** The statuses in the given ranges, which may overlap and come in any order. */
  public static StatusRanges of(Collection<Range> ranges) {
    if (ranges.isEmpty()) {
      throw new IllegalArgumentException("no status codes given (e.g. 200 or 200-299)");
    }
    List<Range> sorted = new ArrayList<>(ranges);
    sorted.sort(Comparator.comparingInt(Range::from));
    List<Range> merged = new ArrayList<>();
    Range current = sorted.get(0);
    for (Range next : sorted.subList(1, sorted.size())) {
      if (next.from() <= current.to() + 1) {
        current = new Range(current.from(), Math.max(current.to(), next.to()));
      } else {
        merged.add(current);
        current = next;
      }
    }
    merged.add(current);
    return new StatusRanges(List.copyOf(merged));
  }

  /**
   * Parses a comma-separated list of statuses and ranges, such as {@code 200-299,301}: the format
   * {@link #toString()} writes.
   *
   * @throws IllegalArgumentException with a message fit to show the user
   */
  public static StatusRanges parse(String text) {
    List<Range> ranges = new ArrayList<>();
    for (String part : text.split(",", -1)) {
      ranges.add(parseRange(part));
    }
    return of(ranges);
  }

  /** Why the text is not a list of statuses and ranges, or nothing when it is one. */
  static Optional<String> problem(String text) {
    try {
      parse(text);
      return Optional.empty();
    } catch (IllegalArgumentException e) {
      return Optional.of(e.getMessage());
    }
  }

  /**
   * Parses one status ({@code 301}) or range ({@code 200-299}).
   *
   * @throws IllegalArgumentException with a message fit to show the user
   */
  public static Range parseRange(String text) {
    Matcher matcher = RANGE.matcher(text.strip());
    if (!matcher.matches()) {
      throw new IllegalArgumentException(
          MessageText.quote(text) + " is not a status code or range (e.g. 200 or 200-299)");
    }
    int from = Integer.parseInt(matcher.group(1));
    int to = matcher.group(2) == null ? from : Integer.parseInt(matcher.group(2));
    return new Range(from, to);
  }

  public boolean contains(int status) {
    for (Range range : ranges) {
      if (range.contains(status)) {
        return true;
      }
    }
    return false;
  }

  /** The ranges, sorted, not overlapping and not adjacent. */
  public List<Range> ranges() {
    return ranges;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof StatusRanges that && ranges.equals(that.ranges);
  }

  @Override
  public int hashCode() {
    return ranges.hashCode();
  }

  /** The ranges as the sites file writes them, e.g. {@code 200-299,301}. */
  @Override
  public String toString() {
    return ranges.stream().map(Range::toString).collect(Collectors.joining(","));
  }

  private static void checkStatus(int status) {
    if (status < MIN_STATUS || status > MAX_STATUS) {
      throw new IllegalArgumentException(
          status + " is not an HTTP status (" + MIN_STATUS + "-" + MAX_STATUS + ")");
    }
  }
}
