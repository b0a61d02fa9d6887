package org.sitewatch.checker.probe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.ws.rs.ProcessingException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.security.cert.CertificateExpiredException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.Test;
import org.sitewatch.common.Outcome;
import org.sitewatch.common.Reason;

class FailureClassifierTest {

  private static Outcome classify(Throwable t) {
    return FailureClassifier.classify(t);
  }

  /** How JAX-RS clients deliver failures: wrapped, sometimes twice. */
  private static Throwable wrapped(Throwable cause) {
    return new CompletionException(new ProcessingException("RESTEASY004655", cause));
  }

  @Test
  void unknownHostIsDns() {
    Outcome outcome = classify(wrapped(new UnknownHostException("nosuch.invalid")));
    assertEquals(Reason.DNS, outcome.reason());
    assertEquals("unknown host: nosuch.invalid", outcome.message());
  }

  @Test
  void refusedConnectionIsConnectionRefused() {
    Outcome outcome = classify(wrapped(new ConnectException("Connection refused")));
    assertEquals(Reason.CONNECTION_REFUSED, outcome.reason());
  }

  @Test
  void handshakeAndCertificateFailuresAreTls() {
    assertEquals(Reason.TLS, classify(wrapped(new SSLHandshakeException("PKIX"))).reason());
    assertEquals(
        Reason.TLS, classify(wrapped(new CertificateExpiredException("expired"))).reason());
  }

  @Test
  void readAndDeadlineTimeoutsAreTimeouts() {
    assertEquals(
        Reason.TIMEOUT, classify(wrapped(new SocketTimeoutException("Read timed out"))).reason());
    assertEquals(Reason.TIMEOUT, classify(new TimeoutException()).reason());
  }

  @Test
  void anEngineRedirectFailureIsTooManyRedirects() {
    class CircularRedirectException extends IOException {
      CircularRedirectException() {
        super("Circular redirect to http://x/loop");
      }
    }
    assertEquals(
        Reason.TOO_MANY_REDIRECTS, classify(wrapped(new CircularRedirectException())).reason());
  }

  @Test
  void theMostSpecificCauseWinsOverItsWrappers() {
    Throwable t = new ProcessingException(new IOException("io", new ConnectException("refused")));
    assertEquals(Reason.CONNECTION_REFUSED, classify(t).reason());
  }

  @Test
  void anythingElseIsErrorNamingTheRootCause() {
    Outcome outcome = classify(wrapped(new IllegalStateException("weird")));
    assertEquals(Reason.ERROR, outcome.reason());
    assertEquals("IllegalStateException: weird", outcome.message());
  }

  @Test
  void aSelfCausedExceptionDoesNotLoop() {
    Exception odd =
        new Exception("odd") {
          @Override
          public synchronized Throwable getCause() {
            return this;
          }
        };
    assertTrue(classify(odd).message().contains("odd"));
  }
}
