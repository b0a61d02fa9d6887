package org.sitewatch.persister.history;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ResultsQueryTest {

  @Test
  void withoutParametersTheNewestHundred() {
    assertEquals(
        new ResultsQuery(PageLimit.DEFAULT, Optional.empty()), ResultsQuery.parse(null, null));
  }

  @Test
  void takesALimitFromOneToAThousand() {
    assertEquals(1, ResultsQuery.parse("1", null).limit());
    assertEquals(1000, ResultsQuery.parse("1000", null).limit());
  }

  @ParameterizedTest
  @ValueSource(strings = {"0", "1001", "-5", "ten", "", "1.5", "99999999999"})
  void refusesAnyOtherLimit(String limit) {
    InvalidParameterException e =
        assertThrows(InvalidParameterException.class, () -> ResultsQuery.parse(limit, null));
    assertTrue(e.getMessage().startsWith("limit"), "names the parameter: " + e.getMessage());
  }

  @Test
  void takesBeforeAsAnInstantInUtcOrWithAnOffset() {
    Instant noon = Instant.parse("2026-05-01T12:00:00Z");

    assertEquals(Optional.of(noon), ResultsQuery.parse(null, "2026-05-01T12:00:00Z").before());
    assertEquals(Optional.of(noon), ResultsQuery.parse(null, "2026-05-01T14:00:00+02:00").before());
    assertEquals(
        Optional.of(noon.plusNanos(123_456_000)),
        ResultsQuery.parse(null, "2026-05-01T12:00:00.123456Z").before());
  }

  @ParameterizedTest
  @ValueSource(strings = {"yesterday", "2026-05-01", "2026-05-01T12:00:00", "1714564800", ""})
  void refusesABeforeThatIsNotAnInstant(String before) {
    InvalidParameterException e =
        assertThrows(InvalidParameterException.class, () -> ResultsQuery.parse(null, before));
    assertTrue(e.getMessage().startsWith("before"), "names the parameter: " + e.getMessage());
  }
}
