package org.sitewatch.persister.notify;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.client.Client;
import jakarta.ws.rs.client.ClientBuilder;
import jakarta.ws.rs.client.Entity;
import jakarta.ws.rs.client.Invocation;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.concurrent.TimeUnit;

/**
 * POSTs an HTTP channel's JSON body with the Jakarta REST client. 2xx is delivered; anything else
 * is a {@link DeliveryException} to retry. Errors name the URL's scheme, host and port only: a
 * Slack URL's path is its token.
 */
@ApplicationScoped
public class RestClientPoster {

  private static final long CONNECT_TIMEOUT_SECONDS = 5;
  private static final long READ_TIMEOUT_SECONDS = 10;

  private Client client;

  @PostConstruct
  void open() {
    client =
        ClientBuilder.newBuilder()
            .connectTimeout(CONNECT_TIMEOUT_SECONDS, TimeUnit.SECONDS)
            .readTimeout(READ_TIMEOUT_SECONDS, TimeUnit.SECONDS)
            .build();
  }

  @PreDestroy
  void close() {
    client.close();
  }

  public void post(HttpPost post) throws DeliveryException {
    String where = where(post.url());
    // A pooled connection the receiver has closed meanwhile fails the POST (which is not retried
    // on another connection): alerts are few, so each gets a connection of its own.
    Invocation.Builder request = client.target(post.url()).request().header("Connection", "close");
    post.headers().forEach(request::header);
    try (Response response =
        request.post(Entity.entity(post.body(), MediaType.APPLICATION_JSON_TYPE))) {
      int status = response.getStatus();
      if (status / 100 == 2) {
        return;
      }
      throw new DeliveryException(refusal(status, where));
    } catch (ProcessingException e) {
      Throwable cause = e.getCause() != null ? e.getCause() : e;
      throw new DeliveryException(
          "POST to "
              + where
              + " failed: "
              + cause.getClass().getSimpleName()
              + ": "
              + cause.getMessage());
    }
  }

  /**
   * 408, 429 and 5xx are the receiver's passing trouble; another 4xx usually means it is set up
   * wrong (a bad path, a rejected signature), which waiting alone will not mend: said so plainly,
   * and retried all the same so that no alert is lost while someone fixes it.
   */
  static String refusal(int status, String where) {
    if (status == 408 || status == 429 || status >= 500) {
      return "HTTP " + status + " from " + where;
    }
    return "HTTP "
        + status
        + " from "
        + where
        + ": the receiver refuses the notification; check its URL, secret or configuration"
        + " (retrying meanwhile)";
  }

  static String where(URI url) {
    return url.getScheme() + "://" + url.getHost() + (url.getPort() < 0 ? "" : ":" + url.getPort());
  }
}
