package org.sitewatch.persister.schema;

/**
 * How long rollups are kept, in whole UTC days before today: hourly ones long enough for the 30-day
 * window's hourly steps, daily ones past raw retention, for long-term uptime.
 *
 * @param hourlyDays {@code sitewatch.rollups.hourly-days}
 * @param dailyDays {@code sitewatch.rollups.daily-days}
 */
public record RollupRetention(int hourlyDays, int dailyDays) {

  static final int MIN_HOURLY_DAYS = 31;
  static final int MIN_DAILY_DAYS = 90;

  public RollupRetention {
    if (hourlyDays < MIN_HOURLY_DAYS) {
      throw new IllegalArgumentException(
          "sitewatch.rollups.hourly-days must be at least "
              + MIN_HOURLY_DAYS
              + ", got "
              + hourlyDays);
    }
    if (dailyDays < Math.max(MIN_DAILY_DAYS, hourlyDays)) {
      throw new IllegalArgumentException(
          "sitewatch.rollups.daily-days must be at least "
              + MIN_DAILY_DAYS
              + " and at least sitewatch.rollups.hourly-days, got "
              + dailyDays);
    }
  }
}
