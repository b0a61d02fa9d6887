package org.sitewatch.support.tls;

import java.security.cert.CertPathBuilderException;
import java.security.cert.CertPathValidatorException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Turns a failed TLS connection (to Kafka or PostgreSQL) into a sentence that names the setting to
 * fix. The JDK, the Kafka client and the PostgreSQL driver each word these failures their own way,
 * deep in a cause chain; an operator should not need to know which of the three files is wrong from
 * "PKIX path building failed" or "Received fatal alert: certificate_required".
 *
 * <p>Only exception classes and messages are read: none of them carries key material.
 */
public final class TlsFailures {

  /**
   * The names under which an operator sets up one connection.
   *
   * @param service what is connected to, for the sentence ("Kafka", "PostgreSQL")
   * @param hostSetting where the host name comes from
   * @param caSetting the CA certificate(s) the server's certificate must chain to
   * @param certSetting the client certificate
   * @param keySetting the client certificate's private key
   * @param clientCertificate whether a client certificate is configured
   */
  public record Settings(
      String service,
      String hostSetting,
      String caSetting,
      String certSetting,
      String keySetting,
      boolean clientCertificate) {}

  private static final int MAX_DEPTH = 12;

  /** What the JDK and pgjdbc say when the server's certificate does not name the host. */
  private static final List<String> HOST_MISMATCH =
      List.of(
          "no subject alternative",
          "no name matching",
          "could not be verified by hostnameverifier",
          "server name validation failed");

  /** Alerts and server messages that mean the server did not accept our (missing) certificate. */
  private static final List<String> CLIENT_REJECTED =
      List.of(
          "certificate_required",
          "bad_certificate",
          "unknown_ca",
          "certificate_unknown",
          "requires a valid client certificate",
          "certificate authentication failed");

  private TlsFailures() {}

  /** The explanation, or empty when {@code failure} is not one of the TLS failures known here. */
  public static Optional<String> explain(Throwable failure, Settings settings) {
    List<Throwable> chain = chain(failure);
    String detail = innermostMessage(chain);
    if (chain.stream().anyMatch(TlsFailures::isUntrustedServer)) {
      return Optional.of(
          "TLS to "
              + settings.service()
              + " failed: the server's certificate is not signed by a CA in "
              + settings.caSetting()
              + " (set it to the CA certificate file your provider gives you): "
              + detail);
    }
    if (anyMessageContains(chain, HOST_MISMATCH)) {
      return Optional.of(
          "TLS to "
              + settings.service()
              + " failed: the server's certificate does not name the host in "
              + settings.hostSetting()
              + " (use a host name the certificate holds): "
              + detail);
    }
    if (anyMessageContains(chain, CLIENT_REJECTED)) {
      String advice =
          settings.clientCertificate()
              ? "the server rejected the client certificate: check "
                  + settings.certSetting()
                  + " and "
                  + settings.keySetting()
                  + " (a certificate signed by a CA the server trusts, and its key)"
              : "the server requires a client certificate: set "
                  + settings.certSetting()
                  + " and "
                  + settings.keySetting();
      return Optional.of("TLS to " + settings.service() + " failed: " + advice + ": " + detail);
    }
    return Optional.empty();
  }

  private static boolean isUntrustedServer(Throwable t) {
    if (t instanceof CertPathBuilderException || t instanceof CertPathValidatorException) {
      return true;
    }
    String message = lower(t);
    return message.contains("pkix path")
        || message.contains("unable to find valid certification path");
  }

  private static boolean anyMessageContains(List<Throwable> chain, List<String> needles) {
    for (Throwable t : chain) {
      String message = lower(t);
      for (String needle : needles) {
        if (message.contains(needle)) {
          return true;
        }
      }
    }
    return false;
  }

  private static List<Throwable> chain(Throwable failure) {
    List<Throwable> chain = new java.util.ArrayList<>();
    for (Throwable t = failure; t != null && chain.size() < MAX_DEPTH; t = t.getCause()) {
      if (chain.contains(t)) {
        break;
      }
      chain.add(t);
    }
    return chain;
  }

  private static String innermostMessage(List<Throwable> chain) {
    for (int i = chain.size() - 1; i >= 0; i--) {
      String message = chain.get(i).getMessage();
      if (message != null && !message.isBlank()) {
        return message;
      }
    }
    return chain.get(chain.size() - 1).getClass().getSimpleName();
  }

  private static String lower(Throwable t) {
    String message = t.getMessage();
    return message == null ? "" : message.toLowerCase(Locale.ROOT);
  }
}
