package org.sitewatch.support.text;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class MessageTextTest {

  @Test
  void quotesAShortValueAsItIs() {
    assertEquals("'30s'", MessageText.quote("30s"));
  }

  @Test
  void shortensALongValueToEightyCharacters() {
    String shown = MessageText.printable("x".repeat(10_000));
    assertEquals(80, shown.length(), shown);
    assertEquals("x".repeat(77) + "...", shown);
  }

  @Test
  void escapesWhatWouldBreakTheLine() {
    assertEquals(
        "'5s\\nERROR forged\\r\\t\\u0000\\u2028'",
        MessageText.quote("5s\nERROR forged\r\t\u0000\u2028"));
  }
}
