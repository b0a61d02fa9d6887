package org.sitewatch.checker.probe;

import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.net.http.HttpTimeoutException;
import java.security.cert.CertificateException;
import java.util.Optional;
import java.util.concurrent.TimeoutException;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.net.ssl.SSLException;
import org.sitewatch.common.Outcome;
import org.sitewatch.common.Reason;

/**
 * Turns the exception a failed probe ended with into an honest Outcome. Client libraries wrap the
 * real cause (ProcessingException, CompletionException, …), so the whole cause chain is read and
 * the most specific known cause wins. Messages are in Sitewatch's words; the engine's own text is
 * logged at FINE only.
 */
final class FailureClassifier {

  private static final Logger LOG = Logger.getLogger(FailureClassifier.class.getName());

  private FailureClassifier() {}

  static Outcome classify(Throwable failure) {
    LOG.log(Level.FINE, "Probe failed", failure);
    for (Throwable t = failure; t != null; t = causeOf(t)) {
      Reason reason = reasonOf(t);
      if (reason != null) {
        return Outcome.down(reason, describe(reason, t));
      }
    }
    for (Throwable t = failure; t != null; t = causeOf(t)) {
      Optional<String> words = EngineFailures.describe(t);
      if (words.isPresent()) {
        return Outcome.down(Reason.ERROR, words.get());
      }
    }
    // Nothing known: the exception's own name and text are all there is to say.
    Throwable root = rootOf(failure);
    return Outcome.down(Reason.ERROR, root.getClass().getSimpleName() + messageSuffix(root));
  }

  private static Reason reasonOf(Throwable t) {
    if (t instanceof UnknownHostException) {
      return Reason.DNS;
    }
    if (t instanceof ConnectException || t instanceof NoRouteToHostException) {
      return Reason.CONNECTION_REFUSED;
    }
    if (t instanceof SSLException || t instanceof CertificateException) {
      return Reason.TLS;
    }
    if (t instanceof TimeoutException
        || t instanceof SocketTimeoutException
        || t instanceof HttpTimeoutException) {
      return Reason.TIMEOUT;
    }
    // Client engines report redirect loops with their own types; match by name to stay engine-free.
    String name = t.getClass().getSimpleName();
    if (name.contains("Redirect")) {
      return Reason.TOO_MANY_REDIRECTS;
    }
    return null;
  }

  private static String describe(Reason reason, Throwable t) {
    return switch (reason) {
      // The message of an UnknownHostException is the host name.
      case DNS -> "unknown host" + messageSuffix(t);
      case CONNECTION_REFUSED ->
          t instanceof NoRouteToHostException ? "no route to host" : "connection refused";
      case TIMEOUT -> "timed out";
      case TOO_MANY_REDIRECTS -> "the redirects loop";
      // TLS, the one reason left. The trust manager explains a certificate's flaw in the message.
      default -> "TLS failed" + messageSuffix(t);
    };
  }

  private static Throwable causeOf(Throwable t) {
    return t.getCause() == t ? null : t.getCause();
  }

  private static String messageSuffix(Throwable t) {
    String message = t.getMessage();
    return message == null || message.isBlank() ? "" : ": " + message;
  }

  private static Throwable rootOf(Throwable t) {
    Throwable root = t;
    for (Throwable cause = causeOf(t); cause != null; cause = causeOf(cause)) {
      root = cause;
    }
    return root;
  }
}
