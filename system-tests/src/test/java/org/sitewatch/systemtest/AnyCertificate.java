package org.sitewatch.systemtest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.cert.X509Certificate;
import java.time.Duration;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * An HTTPS client that trusts whatever certificate it is shown, for the servers' own self-signed
 * ones: what the tests check is that a port speaks HTTPS, not who signed its certificate.
 */
final class AnyCertificate {

  private AnyCertificate() {}

  /** The server on {@code port} answers 200 UP on /health/ready over HTTPS. */
  static void assertReadyOverHttps(String server, int port) throws Exception {
    HttpClient client =
        HttpClient.newBuilder()
            .sslContext(trustingAnyCertificate())
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    HttpResponse<String> response =
        client.send(
            HttpRequest.newBuilder(URI.create("https://localhost:" + port + "/health/ready"))
                .timeout(Duration.ofSeconds(30))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertEquals(200, response.statusCode(), server + ": " + response.body());
    assertTrue(response.body().contains("\"UP\""), server + ": " + response.body());
    assertTrue(response.sslSession().isPresent(), server + " answered over TLS");
  }

  private static SSLContext trustingAnyCertificate() throws Exception {
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(
        null,
        new TrustManager[] {
          // Extended, so that the JDK adds no host name check of its own to this one.
          new X509ExtendedTrustManager() {
            @Override
            public void checkClientTrusted(X509Certificate[] chain, String authType) {}

            @Override
            public void checkClientTrusted(X509Certificate[] chain, String authType, Socket s) {}

            @Override
            public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine e) {}

            @Override
            public void checkServerTrusted(X509Certificate[] chain, String authType) {}

            @Override
            public void checkServerTrusted(X509Certificate[] chain, String authType, Socket s) {}

            @Override
            public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine e) {}

            @Override
            public X509Certificate[] getAcceptedIssuers() {
              return new X509Certificate[0];
            }
          }
        },
        null);
    return context;
  }
}
