package org.sitewatch.support.duration;

import jakarta.annotation.Priority;
import java.time.Duration;
import org.eclipse.microprofile.config.spi.Converter;

/**
 * Reads every duration setting ({@code @ConfigProperty(name = ...) Duration}) as the sites file
 * writes durations ({@link Durations}): {@code 250ms}, {@code 10s}, {@code 24h}. A value it cannot
 * read stops the application, and MicroProfile Config names the property in the error. Registered
 * through {@code META-INF/services}.
 *
 * <p>Above the default priority (100): a server that converts {@link Duration} itself would read
 * ISO-8601 ({@code PT10S}) and reject {@code 10s}.
 */
@Priority(DurationConverter.PRIORITY)
public final class DurationConverter implements Converter<Duration> {

  static final int PRIORITY = 200;

  /**
   * @return null for a blank value, which MicroProfile Config then treats as not set
   * @throws IllegalArgumentException when the value is not a duration, saying why
   */
  @Override
  public Duration convert(String value) {
    // A properties file keeps the spaces after a value, which nobody sees.
    String text = value.strip();
    return text.isEmpty() ? null : Durations.parse(text);
  }
}
