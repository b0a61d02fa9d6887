package org.sitewatch.support.duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Set;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.spi.ConfigBuilder;
import org.eclipse.microprofile.config.spi.ConfigProviderResolver;
import org.eclipse.microprofile.config.spi.ConfigSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The converter as the servers use it: found through {@code META-INF/services} by a MicroProfile
 * Config implementation (SmallRye Config, as in Liberty), reading one setting.
 */
class DurationConverterTest {

  private static final String PROPERTY = "sitewatch.alerts.retry-period";

  /** One setting, as a config source holding {@link #PROPERTY} only. */
  private static final class Setting implements ConfigSource {
    private final String value;

    Setting(String value) {
      this.value = value;
    }

    @Override
    public Set<String> getPropertyNames() {
      return Set.of(PROPERTY);
    }

    @Override
    public String getValue(String name) {
      return PROPERTY.equals(name) ? value : null;
    }

    @Override
    public String getName() {
      return "test setting";
    }
  }

  private static ConfigBuilder builder(String value) {
    return ConfigProviderResolver.instance()
        .getBuilder()
        .addDiscoveredConverters()
        .withSources(new Setting(value));
  }

  private static Duration read(String value) {
    return builder(value).build().getValue(PROPERTY, Duration.class);
  }

  @ParameterizedTest
  @CsvSource({
    "250ms, 250",
    "200ms, 200",
    "3s, 3000",
    "5s, 5000",
    "10s, 10000",
    "5m, 300000",
    "1h, 3600000",
    "24h, 86400000",
    "1m30s, 90000",
    "7d, 604800000",
  })
  void readsDurationsAsTheSitesFileWritesThem(String value, long millis) {
    assertEquals(Duration.ofMillis(millis), read(value), value);
  }

  @Test
  void ignoresTheSpacesAroundAValue() {
    assertEquals(Duration.ofSeconds(10), read(" 10s\t"));
  }

  @Test
  void takesABlankValueAsNotSet() {
    Config config = builder("  ").build();
    assertTrue(
        config.getOptionalValue(PROPERTY, Duration.class).isEmpty(), "a blank value is no value");
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "PT10S | 'PT10S' is not a duration (e.g. 500ms, 30s, 5m, 1h, 7d or 1m30s)",
        "60 | '60' has no unit: units are required (ms, s, m, h or d), e.g. 60s",
        "1.5s | '1.5s' is not a duration: use whole numbers, e.g. 1500ms rather than 1.5s",
      })
  void aValueItCannotReadFailsNamingThePropertyAndWhy(String value, String why) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> read(value));
    assertTrue(e.getMessage().contains(PROPERTY), "names the property: " + e.getMessage());
    assertTrue(e.getMessage().contains(why), "says why: " + e.getMessage());
  }

  @Test
  void winsOverAnotherDurationConverterOfTheDefaultPriority() {
    Config config =
        builder("10s").withConverter(Duration.class, 100, text -> Duration.parse(text)).build();
    assertEquals(Duration.ofSeconds(10), config.getValue(PROPERTY, Duration.class));
  }
}
