package org.sitewatch.persister.uptime;

import java.time.Duration;
import java.time.Instant;
import org.sitewatch.persister.history.InvalidParameterException;
import org.sitewatch.persister.history.ParameterChoice;

/** The width of a point of a series: hourly steps come from the hourly rollups, 1d from daily. */
public enum Step {
  H1("1h", Duration.ofHours(1)),
  H6("6h", Duration.ofHours(6)),
  D1("1d", Duration.ofDays(1));

  /** Hourly rollups are kept at least this long (see RollupRetention). */
  static final Window LONGEST_HOURLY_WINDOW = Window.D30;

  private final String text;
  private final Duration width;

  Step(String text, Duration width) {
    this.text = text;
    this.width = width;
  }

  public String text() {
    return text;
  }

  Duration width() {
    return width;
  }

  boolean hourly() {
    return this != D1;
  }

  /** The start of the step that holds {@code instant}; steps are aligned to the Unix epoch. */
  Instant floor(Instant instant) {
    long seconds = width.toSeconds();
    return Instant.ofEpochSecond(Math.floorDiv(instant.getEpochSecond(), seconds) * seconds);
  }

  /** The step for a series over {@code window}: as asked, or a default that gives 24-90 points. */
  public static Step parse(String text, Window window) {
    if (text == null) {
      return switch (window) {
        case H24 -> H1;
        case D7 -> H6;
        case D30, D90 -> D1;
      };
    }
    Step step = ParameterChoice.parse("step", text, values(), Step::text);
    if (step.hourly() && window.compareTo(LONGEST_HOURLY_WINDOW) > 0) {
      throw new InvalidParameterException(
          "step",
          "step "
              + step.text
              + " is kept for windows up to "
              + LONGEST_HOURLY_WINDOW.text()
              + "; use step 1d for "
              + window.text());
    }
    return step;
  }
}
