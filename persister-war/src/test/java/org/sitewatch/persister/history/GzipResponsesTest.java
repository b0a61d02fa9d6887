package org.sitewatch.persister.history;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class GzipResponsesTest {

  @Test
  void gzipWhenTheClientNamesItWithoutRefusingIt() {
    assertTrue(GzipResponses.acceptsGzip("gzip, deflate, br"));
    assertTrue(GzipResponses.acceptsGzip("br;q=1.0, GZIP;q=0.5"));
    assertFalse(GzipResponses.acceptsGzip(null));
    assertFalse(GzipResponses.acceptsGzip("identity"));
    assertFalse(GzipResponses.acceptsGzip("x-gzip"));
    assertFalse(GzipResponses.acceptsGzip("gzip;q=0"));
    assertFalse(GzipResponses.acceptsGzip("gzip; q=0.000"));
  }
}
