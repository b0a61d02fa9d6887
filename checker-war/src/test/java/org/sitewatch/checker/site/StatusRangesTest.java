package org.sitewatch.checker.site;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class StatusRangesTest {

  @Test
  void containsTheEndsOfEachRangeAndNothingOutside() {
    StatusRanges ranges = StatusRanges.parse("200-299,301");

    assertTrue(ranges.contains(200), "200 is the low end of 200-299");
    assertTrue(ranges.contains(299), "299 is the high end of 200-299");
    assertTrue(ranges.contains(301), "301 is listed");
    assertFalse(ranges.contains(199), "199 is below every range");
    assertFalse(ranges.contains(300), "300 is between the ranges");
    assertFalse(ranges.contains(302), "302 is above every range");
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "200-299,301 | 200-299,301",
        "301,200-299 | 200-299,301",
        "200-250,240-299 | 200-299",
        "200-299,300 | 200-300",
        "200 - 299 , 404 | 200-299,404",
        "204 | 204",
        "0200 | 200",
      })
  void sortsAndMergesRanges(String text, String normalised) {
    assertEquals(normalised, StatusRanges.parse(text).toString());
  }

  @Test
  void rangesThatAcceptTheSameStatusesAreEqual() {
    assertEquals(StatusRanges.parse("200-299"), StatusRanges.parse("200-250,251-299"));
    assertEquals(
        StatusRanges.parse("200-299").hashCode(), StatusRanges.parse("251-299,200-250").hashCode());
    assertNotEquals(StatusRanges.parse("200-299"), StatusRanges.parse("200-298"));
  }

  @Test
  void defaultIs200To399() {
    assertEquals("200-399", StatusRanges.DEFAULT.toString());
    assertEquals(List.of(new StatusRanges.Range(200, 399)), StatusRanges.DEFAULT.ranges());
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "700 | 700 is not an HTTP status (100-599)",
        "99 | 99 is not an HTTP status (100-599)",
        "200-600 | 600 is not an HTTP status (100-599)",
        "299-200 | range 299-200 is reversed (write 200-299)",
        "abc | 'abc' is not a status code or range (e.g. 200 or 200-299)",
        "2xx | '2xx' is not a status code or range (e.g. 200 or 200-299)",
        "200, | '' is not a status code or range (e.g. 200 or 200-299)",
        "12345678901 | '12345678901' is not a status code or range (e.g. 200 or 200-299)",
      })
  void rejectsWithAMessageForTheUser(String text, String message) {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> StatusRanges.parse(text), text);
    assertEquals(message, e.getMessage());
  }

  @Test
  void rejectsNoRanges() {
    assertThrows(IllegalArgumentException.class, () -> StatusRanges.of(List.of()));
  }
}
