package org.sitewatch.infra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class QuotingTest {

  @Test
  void postgresLiteralDoublesSingleQuotes() {
    assertEquals("'abc'", EmbeddedPostgres.quoteLiteral("abc"), "plain");
    assertEquals("'it''s'", EmbeddedPostgres.quoteLiteral("it's"), "quote doubled");
    assertEquals("'a\\b'", EmbeddedPostgres.quoteLiteral("a\\b"), "backslash kept as it is");
    assertThrows(
        IllegalArgumentException.class, () -> EmbeddedPostgres.quoteLiteral("a\0b"), "NUL");
  }

  @Test
  void shellQuoteLeavesSafeWordsAloneAndQuotesTheRest() {
    assertEquals("Abc123", Banner.shellQuote("Abc123"), "safe word");
    assertEquals("'\\dt'", Banner.shellQuote("\\dt"), "backslash");
    assertEquals("'a b'", Banner.shellQuote("a b"), "space");
    assertEquals("'it'\\''s'", Banner.shellQuote("it's"), "single quote");
    assertEquals("'$HOME'", Banner.shellQuote("$HOME"), "no expansion");
  }

  @Test
  void generatedPasswordsAreLongAndShellSafe() {
    String pw = EmbeddedPostgres.generatePassword();

    assertEquals(32, pw.length(), "length of " + pw);
    assertEquals(pw, Banner.shellQuote(pw), "needs no quoting: " + pw);
  }
}
