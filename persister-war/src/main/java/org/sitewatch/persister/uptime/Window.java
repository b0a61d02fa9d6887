package org.sitewatch.persister.uptime;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import org.sitewatch.persister.history.ParameterChoice;

/**
 * A span of time ending now that uptime is figured over: {@code 24h} is the last 24 clock hours
 * (the current one included) from the hourly rollups; the others are UTC days, today included, from
 * the daily rollups.
 */
public enum Window {
  H24("24h", 0),
  D7("7d", 7),
  D30("30d", 30),
  D90("90d", 90);

  private final String text;
  private final int days;

  Window(String text, int days) {
    this.text = text;
    this.days = days;
  }

  public String text() {
    return text;
  }

  int days() {
    return days;
  }

  boolean hourly() {
    return days == 0;
  }

  /** Where the window starts, for one ending at {@code now}. */
  public Instant from(Instant now) {
    return hourly()
        ? now.truncatedTo(ChronoUnit.HOURS).minus(23, ChronoUnit.HOURS)
        : startOfDays(now, days);
  }

  /** The start of the last {@code count} UTC days ending with today. */
  static Instant startOfDays(Instant now, int count) {
    return LocalDate.ofInstant(now, ZoneOffset.UTC)
        .minusDays(count - 1L)
        .atStartOfDay(ZoneOffset.UTC)
        .toInstant();
  }

  public static Window parse(String text) {
    if (text == null) {
      return H24;
    }
    return ParameterChoice.parse("window", text, values(), Window::text);
  }
}
