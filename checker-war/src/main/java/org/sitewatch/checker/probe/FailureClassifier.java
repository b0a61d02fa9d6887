package org.sitewatch.checker.probe;

import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.net.http.HttpTimeoutException;
import java.security.cert.CertificateException;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.SSLException;
import org.sitewatch.common.Outcome;
import org.sitewatch.common.Reason;

/**
 * Turns the exception a failed probe ended with into an honest Outcome. Client libraries wrap the
 * real cause (ProcessingException, CompletionException, …), so the whole cause chain is read and
 * the most specific known cause wins.
 */
final class FailureClassifier {

  private FailureClassifier() {}

  static Outcome classify(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
      Reason reason = reasonOf(t);
      if (reason != null) {
        return Outcome.down(reason, describe(reason, t));
      }
    }
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
      case DNS -> "unknown host" + messageSuffix(t);
      case CONNECTION_REFUSED -> "connection refused" + messageSuffix(t);
      case TIMEOUT -> "timed out" + messageSuffix(t);
      default -> t.getClass().getSimpleName() + messageSuffix(t);
    };
  }

  private static String messageSuffix(Throwable t) {
    String message = t.getMessage();
    return message == null || message.isBlank() ? "" : ": " + message;
  }

  private static Throwable rootOf(Throwable t) {
    Throwable root = t;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    return root;
  }
}
