package org.sitewatch.persister.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class ConfigDurationsTest {

  @Test
  void readsHoursMinutesSecondsMillisAndIso8601() {
    assertEquals(Duration.ofHours(1), ConfigDurations.parse("x", "1h"));
    assertEquals(Duration.ofMinutes(5), ConfigDurations.parse("x", "5m"));
    assertEquals(Duration.ofSeconds(3), ConfigDurations.parse("x", " 3s "));
    assertEquals(Duration.ofMillis(250), ConfigDurations.parse("x", "250ms"));
    assertEquals(Duration.ofMinutes(90), ConfigDurations.parse("x", "PT1H30M"));
  }

  @Test
  void namesTheSettingItCannotRead() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> ConfigDurations.parse("sitewatch.persister.max-clock-skew", "soon"));
    assertTrue(
        e.getMessage().contains("sitewatch.persister.max-clock-skew")
            && e.getMessage().contains("'soon'"),
        e.getMessage());
  }
}
