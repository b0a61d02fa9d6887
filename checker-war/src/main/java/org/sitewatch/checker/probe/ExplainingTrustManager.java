package org.sitewatch.checker.probe;

import java.net.Socket;
import java.security.KeyStore;
import java.security.KeyStoreException;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * The JDK's default trust decisions, with a failure message that says what is wrong with the site's
 * certificate. The JDK reports an expired or a self-signed certificate alike as "unable to find
 * valid certification path"; an operator needs to know which, so this one looks at the certificate
 * the site sent and names its flaw.
 */
final class ExplainingTrustManager extends X509ExtendedTrustManager {

  private final X509ExtendedTrustManager trusted;

  private ExplainingTrustManager(X509ExtendedTrustManager trusted) {
    this.trusted = trusted;
  }

  /** Wraps the JDK's default trust manager (its default trust store). */
  static ExplainingTrustManager ofDefaultTrustStore()
      throws NoSuchAlgorithmException, KeyStoreException {
    TrustManagerFactory factory =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    factory.init((KeyStore) null);
    for (TrustManager tm : factory.getTrustManagers()) {
      if (tm instanceof X509ExtendedTrustManager x509) {
        return new ExplainingTrustManager(x509);
      }
    }
    throw new KeyStoreException("the default trust manager factory has no X.509 trust manager");
  }

  /** One of the JDK's checks of a server's chain. */
  @FunctionalInterface
  private interface ServerCheck {
    void run() throws CertificateException;
  }

  private static void explainingFailure(X509Certificate[] chain, ServerCheck check)
      throws CertificateException {
    try {
      check.run();
    } catch (CertificateException e) {
      throw explained(chain, e);
    }
  }

  @Override
  public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
      throws CertificateException {
    explainingFailure(chain, () -> trusted.checkServerTrusted(chain, authType, socket));
  }

  @Override
  public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
      throws CertificateException {
    explainingFailure(chain, () -> trusted.checkServerTrusted(chain, authType, engine));
  }

  @Override
  public void checkServerTrusted(X509Certificate[] chain, String authType)
      throws CertificateException {
    explainingFailure(chain, () -> trusted.checkServerTrusted(chain, authType));
  }

  /** The site's certificate flaw in words, the JDK's reason after it. */
  static CertificateException explained(X509Certificate[] chain, CertificateException failure) {
    if (chain == null || chain.length == 0) {
      return failure;
    }
    X509Certificate site = chain[0];
    Instant now = Instant.now();
    String subject = site.getSubjectX500Principal().getName();
    boolean selfSigned = site.getSubjectX500Principal().equals(site.getIssuerX500Principal());
    String flaw;
    if (now.isAfter(site.getNotAfter().toInstant())) {
      flaw =
          "certificate expired on "
              + site.getNotAfter().toInstant()
              + " ("
              + subject
              + (selfSigned ? ", self-signed" : "")
              + ")";
    } else if (now.isBefore(site.getNotBefore().toInstant())) {
      flaw =
          "certificate not valid before " + site.getNotBefore().toInstant() + " (" + subject + ")";
    } else if (selfSigned && chain.length == 1) {
      flaw = "self-signed certificate (" + subject + ") is not trusted";
    } else {
      flaw =
          "certificate chain of "
              + subject
              + " (issuer "
              + chain[chain.length - 1].getIssuerX500Principal().getName()
              + ") is not trusted";
    }
    return new CertificateException(flaw + ": " + failure.getMessage(), failure);
  }

  @Override
  public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket)
      throws CertificateException {
    trusted.checkClientTrusted(chain, authType, socket);
  }

  @Override
  public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
      throws CertificateException {
    trusted.checkClientTrusted(chain, authType, engine);
  }

  @Override
  public void checkClientTrusted(X509Certificate[] chain, String authType)
      throws CertificateException {
    trusted.checkClientTrusted(chain, authType);
  }

  @Override
  public X509Certificate[] getAcceptedIssuers() {
    return trusted.getAcceptedIssuers();
  }
}
