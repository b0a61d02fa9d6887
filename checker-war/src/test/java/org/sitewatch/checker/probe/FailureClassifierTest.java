package org.sitewatch.checker.probe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.ws.rs.ProcessingException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.ProtocolException;
import java.net.SocketException;
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
    Outcome outcome =
        classify(wrapped(new ConnectException("Connect to x:1 [x/127.0.0.1] failed: refused")));
    assertEquals(Reason.CONNECTION_REFUSED, outcome.reason());
    assertEquals("connection refused", outcome.message());
  }

  /** Apache HttpCore's exception for a body cut short, matched by its simple name. */
  static class ConnectionClosedException extends IOException {
    ConnectionClosedException(String message) {
      super(message);
    }
  }

  @Test
  void aBodyCutShortSaysHowMuchOfItArrived() {
    Outcome outcome =
        classify(
            wrapped(
                new ConnectionClosedException(
                    "Premature end of Content-Length delimited message body (expected: 5,000;"
                        + " received: 1,234)")));
    assertEquals(Reason.ERROR, outcome.reason());
    assertEquals("the connection closed after 1,234 of 5,000 body bytes", outcome.message());
  }

  @Test
  void aChunkedBodyCutShortSaysTheResponseWasIncomplete() {
    Outcome outcome =
        classify(
            new ConnectionClosedException(
                "Premature end of chunk coded message body: closing chunk expected"));
    assertEquals("the connection closed before the response was complete", outcome.message());
  }

  @Test
  void aResetConnectionIsSaidPlainly() {
    Outcome outcome = classify(wrapped(new SocketException("Connection reset")));
    assertEquals(Reason.ERROR, outcome.reason());
    assertEquals("the site reset the connection", outcome.message());
  }

  @Test
  void aConnectionClosedWithoutAnAnswerIsSaidPlainly() {
    class NoHttpResponseException extends IOException {
      NoHttpResponseException() {
        super("The target server failed to respond");
      }
    }
    assertEquals(
        "the site closed the connection without answering",
        classify(wrapped(new NoHttpResponseException())).message());
  }

  @Test
  void handshakeAndCertificateFailuresAreTls() {
    assertEquals(Reason.TLS, classify(wrapped(new SSLHandshakeException("PKIX"))).reason());
    assertEquals(
        Reason.TLS, classify(wrapped(new CertificateExpiredException("expired"))).reason());
  }

  @Test
  void readAndDeadlineTimeoutsAreTimeouts() {
    Outcome read = classify(wrapped(new SocketTimeoutException("Read timed out")));
    assertEquals(Reason.TIMEOUT, read.reason());
    assertEquals("timed out", read.message());
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
  void httpUrlConnectionsHeaderLimitSaysTheHeadersAreTooLarge() {
    Outcome outcome =
        classify(wrapped(new ProtocolException("Header size too big: 393260 > 393216")));
    assertEquals(
        "the response's header block is beyond the HTTP client's limits", outcome.message());
    assertEquals(
        "the response is not valid HTTP",
        classify(wrapped(new ProtocolException("Invalid Http response"))).message());
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
