package org.sitewatch.teststack;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** Calls TestStack's control endpoint ({@code --control-port}), for tests and benchmarks. */
public final class ControlClient {

  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private ControlClient() {}

  /**
   * {@code POST} an operation such as {@code kafka/stop} or {@code servers/persister/start};
   * returns once it is done.
   *
   * @throws IllegalStateException when the endpoint does not answer 200, with its answer
   */
  public static void post(int controlPort, String operation) {
    URI uri =
        URI.create("http://127.0.0.1:" + controlPort + "/" + operation.replaceFirst("^/", ""));
    try {
      HttpResponse<String> response =
          HTTP.send(
              HttpRequest.newBuilder(uri)
                  .timeout(Duration.ofSeconds(120))
                  .POST(HttpRequest.BodyPublishers.noBody())
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() != 200) {
        throw new IllegalStateException(
            "POST " + uri + " answered " + response.statusCode() + ": " + response.body());
      }
    } catch (IOException e) {
      throw new IllegalStateException("POST " + uri + " failed: " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted: POST " + uri, e);
    }
  }
}
