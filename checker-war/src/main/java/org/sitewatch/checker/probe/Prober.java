package org.sitewatch.checker.probe;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.client.Client;
import jakarta.ws.rs.client.Invocation;
import jakarta.ws.rs.client.InvocationCallback;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.InputStream;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.sitewatch.checker.site.Durations;
import org.sitewatch.checker.site.Site;
import org.sitewatch.common.CheckResult;
import org.sitewatch.common.Outcome;
import org.sitewatch.common.Reason;
import org.sitewatch.common.ResultIds;

/**
 * Probes a site once with the Jakarta REST client, asynchronously: the caller (a timer callback)
 * gets a stage back at once. The stage always completes normally; every failure is an Outcome.
 */
@ApplicationScoped
public class Prober {

  /**
   * Sent with every probe so a site's operators can find Sitewatch's checks in their access logs
   * and match each to its stored result.
   */
  public static final String CHECK_ID_HEADER = "Sitewatch-Check-Id";

  static final int MAX_REDIRECTS = 5;
  static final int MAX_BODY_BYTES = 1024 * 1024;

  private final ProbeClients clients;

  @Inject
  public Prober(ProbeClients clients) {
    this.clients = clients;
  }

  /** For CDI's proxy. */
  protected Prober() {
    this.clients = null;
  }

  public CompletionStage<CheckResult> probe(Site site) {
    UUID id = ResultIds.next();
    Instant startedAt = Instant.now();
    long startNanos = System.nanoTime();
    // The timeout is a deadline for the whole probe (connecting, redirects, body), armed before
    // anything else so that no slow step, not even a cold client, can stretch it.
    CompletableFuture<Attempt> attempt =
        new CompletableFuture<Attempt>().orTimeout(site.timeout().toNanos(), TimeUnit.NANOSECONDS);
    try {
      Client client = clients.open(site.timeout());
      // Whatever ends the probe, its connection goes with it: no drained body, no stuck reader.
      attempt.whenComplete((done, failure) -> client.close());
      request(client, site, id, site.url(), 0, attempt);
    } catch (RuntimeException e) {
      attempt.completeExceptionally(e);
    }
    return attempt.handle(
        (done, failure) -> {
          Duration took = Duration.ofNanos(System.nanoTime() - startNanos);
          if (failure != null) {
            Outcome outcome =
                failure instanceof TimeoutException
                    ? Outcome.down(
                        Reason.TIMEOUT, "no answer within " + Durations.format(site.timeout()))
                    : FailureClassifier.classify(failure);
            return result(id, site, startedAt, took, null, null, outcome);
          }
          return result(id, site, startedAt, took, done.status, done.regexMatched, done.outcome);
        });
  }

  /** Builds the client a site will use now, so its first probe does not pay for that. */
  public void prepare(Site site) {
    if ("https".equals(site.url().getScheme())) {
      clients.warmUp();
    }
  }

  private void request(
      Client client,
      Site site,
      UUID id,
      URI url,
      int redirects,
      CompletableFuture<Attempt> attempt) {
    if (attempt.isDone()) {
      return;
    }
    Invocation.Builder builder = client.target(url).request();
    site.headers().forEach(builder::header);
    builder.header(CHECK_ID_HEADER, id.toString());
    builder
        .async()
        .method(
            site.method(),
            new InvocationCallback<Response>() {
              @Override
              public void completed(Response response) {
                onResponse(client, site, id, url, redirects, response, attempt);
              }

              @Override
              public void failed(Throwable failure) {
                attempt.completeExceptionally(failure);
              }
            });
  }

  /**
   * Judges a response. It is not closed here but with its client when the probe ends: closing it
   * would read the rest of the body first.
   */
  private void onResponse(
      Client client,
      Site site,
      UUID id,
      URI url,
      int redirects,
      Response response,
      CompletableFuture<Attempt> attempt) {
    try {
      int status = response.getStatus();
      Optional<Outcome> oversized = ResponseLimits.headersTooLarge(response);
      if (oversized.isPresent()) {
        attempt.complete(new Attempt(status, null, oversized.get()));
        return;
      }
      String location = response.getHeaderString(HttpHeaders.LOCATION);
      if (isRedirect(status) && location != null) {
        if (redirects >= MAX_REDIRECTS) {
          attempt.complete(
              new Attempt(
                  status,
                  null,
                  Outcome.down(
                      Reason.TOO_MANY_REDIRECTS,
                      "more than " + MAX_REDIRECTS + " redirects, last to " + location)));
          return;
        }
        // The next hop may need this connection; a hostile redirect body is cut at the deadline.
        response.close();
        request(client, site, id, url.resolve(location), redirects + 1, attempt);
        return;
      }
      Boolean regexMatched = null;
      if (site.regex().isPresent()) {
        String body = readBody(response);
        regexMatched = site.regex().get().matcher(body).find();
      }
      attempt.complete(
          new Attempt(status, regexMatched, OutcomeRules.judge(site, status, regexMatched)));
    } catch (RuntimeException | java.io.IOException e) {
      attempt.completeExceptionally(e);
    }
  }

  private static String readBody(Response response) throws java.io.IOException {
    MediaType type = response.getMediaType();
    String charset = type == null ? null : type.getParameters().get(MediaType.CHARSET_PARAMETER);
    return BoundedBody.read(response.readEntity(InputStream.class), MAX_BODY_BYTES, charset);
  }

  private static boolean isRedirect(int status) {
    return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
  }

  private static CheckResult result(
      UUID id,
      Site site,
      Instant startedAt,
      Duration took,
      Integer status,
      Boolean regexMatched,
      Outcome outcome) {
    return new CheckResult(
        id, site.id(), site.url().toString(), startedAt, took, status, regexMatched, outcome);
  }

  /** What a finished HTTP exchange showed. */
  private record Attempt(Integer status, Boolean regexMatched, Outcome outcome) {}
}
