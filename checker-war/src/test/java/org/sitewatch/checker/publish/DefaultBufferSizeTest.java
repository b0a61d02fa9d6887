package org.sitewatch.checker.publish;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.sitewatch.common.serde.CheckResultCodec;

class DefaultBufferSizeTest {

  @Test
  void theDefaultHoldsFiveMinutesOfTypicalResultsAtOneThousandPerSecond() throws Exception {
    Properties config = new Properties();
    try (InputStream in =
        getClass().getResourceAsStream("/META-INF/microprofile-config.properties")) {
      config.load(in);
    }
    long bound = ByteSize.parse("default", config.getProperty("sitewatch.publish.buffer-bytes"));
    long cost =
        CheckResultCodec.encode(TypicalResults.next()).length + PublishBuffer.ENTRY_OVERHEAD;

    long fit = bound / cost;

    assertTrue(fit >= 300_000, fit + " typical results of " + cost + " bytes fit, not 300,000");
    assertTrue(fit < 400_000, fit + " typical results fit: the default is larger than it needs");
  }
}
