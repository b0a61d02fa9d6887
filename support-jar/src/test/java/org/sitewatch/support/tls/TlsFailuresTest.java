package org.sitewatch.support.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.cert.CertPathBuilderException;
import java.security.cert.CertificateException;
import java.util.Optional;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.Test;

class TlsFailuresTest {

  private static final TlsFailures.Settings WITH_CERT =
      new TlsFailures.Settings(
          "Kafka", "HOST_SETTING", "CA_SETTING", "CERT_SETTING", "KEY_SETTING", true);
  private static final TlsFailures.Settings WITHOUT_CERT =
      new TlsFailures.Settings(
          "Kafka", "HOST_SETTING", "CA_SETTING", "CERT_SETTING", "KEY_SETTING", false);

  private static Throwable wrapped(Throwable cause) {
    return new RuntimeException("SSL handshake failed", cause);
  }

  @Test
  void untrustedServerNamesTheCaSetting() {
    SSLHandshakeException handshake = new SSLHandshakeException("PKIX path building failed");
    handshake.initCause(new CertPathBuilderException("unable to find valid certification path"));
    String message = TlsFailures.explain(wrapped(handshake), WITH_CERT).orElseThrow();
    assertTrue(message.contains("not signed by a CA in CA_SETTING"), message);
    assertTrue(message.endsWith("unable to find valid certification path"), message);
  }

  @Test
  void hostMismatchNamesTheHostSetting() {
    Throwable failure =
        wrapped(
            new CertificateException("No subject alternative names matching IP address 10.0.0.1"));
    assertTrue(TlsFailures.explain(failure, WITH_CERT).orElseThrow().contains("HOST_SETTING"));
  }

  @Test
  void missingClientCertificateSaysWhatToSet() {
    Throwable failure =
        wrapped(new SSLHandshakeException("Received fatal alert: certificate_required"));
    String message = TlsFailures.explain(failure, WITHOUT_CERT).orElseThrow();
    assertTrue(
        message.contains("requires a client certificate: set CERT_SETTING and KEY_SETTING"),
        message);
  }

  @Test
  void rejectedClientCertificateSaysWhatToCheck() {
    Throwable failure = new Exception("FATAL: connection requires a valid client certificate");
    String message = TlsFailures.explain(failure, WITH_CERT).orElseThrow();
    assertTrue(message.contains("rejected the client certificate: check CERT_SETTING"), message);
  }

  @Test
  void otherFailuresAreNotExplained() {
    assertEquals(
        Optional.empty(),
        TlsFailures.explain(new java.net.ConnectException("Connection refused"), WITH_CERT));
  }
}
