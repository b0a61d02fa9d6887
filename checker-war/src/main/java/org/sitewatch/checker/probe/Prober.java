package org.sitewatch.checker.probe;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.client.Invocation;
import jakarta.ws.rs.client.InvocationCallback;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.InputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.sitewatch.checker.site.Site;
import org.sitewatch.common.CheckResult;
import org.sitewatch.common.Outcome;
import org.sitewatch.common.Reason;
import org.sitewatch.common.ResultIds;
import org.sitewatch.support.duration.Durations;

/**
 * Probes a site once with the Jakarta REST client, asynchronously: the caller (a timer callback)
 * gets a stage back at once. The stage always completes normally; every failure is an Outcome.
 *
 * <p>Over 300 lines: the attempts, their deadline, the redirects and the release of each attempt's
 * client and sockets are one probe's life cycle and share its state.
 */
@ApplicationScoped
public class Prober {

  /**
   * Sent with every probe so a site's operators can find Sitewatch's checks in their access logs
   * and match each to its stored result.
   */
  public static final String CHECK_ID_HEADER = "Sitewatch-Check-Id";

  private final ProbeClients clients;
  private final CertificateExpiry certificates;
  private final ProbeThreads threads;

  @Inject
  public Prober(ProbeClients clients, CertificateExpiry certificates, ProbeThreads threads) {
    this.clients = clients;
    this.certificates = certificates;
    this.threads = threads;
  }

  /** For CDI's proxy. */
  protected Prober() {
    this.clients = null;
    this.certificates = null;
    this.threads = null;
  }

  /** Probes a site now, outside its schedule. */
  public CompletionStage<CheckResult> probe(Site site) {
    return probe(site, null);
  }

  /**
   * Probes a site that was due at {@code scheduledAt}: the result records both times, so a probe
   * that started late (an overloaded checker) says so instead of hiding it.
   *
   * @param scheduledAt when the probe was due, or null when it was not scheduled
   */
  public CompletionStage<CheckResult> probe(Site site, Instant scheduledAt) {
    UUID id = ResultIds.next();
    Instant startedAt = Instant.now();
    long startNanos = System.nanoTime();
    Instant due = scheduledAt == null || !scheduledAt.isAfter(startedAt) ? scheduledAt : startedAt;
    return Retries.run(
            site.maxAttempts(), () -> attempt(site, id), a -> OutcomeRules.worthRetrying(a.outcome))
        .thenApply(
            counted -> {
              Attempt last = counted.last();
              return new CheckResult(
                  id,
                  site.id(),
                  site.request().url().toString(),
                  startedAt,
                  Duration.ofNanos(System.nanoTime() - startNanos),
                  last.status,
                  last.regexMatched,
                  last.outcome,
                  counted.attempts(),
                  last.tlsDaysLeft,
                  site.labels(),
                  due);
            });
  }

  /** One HTTP attempt, redirects included, within the site's timeout. */
  private CompletionStage<Attempt> attempt(Site site, UUID id) {
    Instant startedAt = Instant.now();
    long startNanos = System.nanoTime();
    // The timeout is a deadline for the whole probe (connecting, redirects, body), armed before
    // anything else so that no slow step, not even a cold client, can stretch it.
    CompletableFuture<Attempt> attempt =
        threads.deadline(new CompletableFuture<>(), site.schedule().timeout());
    AtomicBoolean searchingBody = new AtomicBoolean();
    try {
      ProbeClients.Lease lease = clients.lend(site.schedule().timeout());
      // Whatever ends the probe, its connection goes with it: no drained body, no stuck reader.
      attempt.whenComplete((done, failure) -> lease.end(failure == null));
      long deadlineNanos = startNanos + site.schedule().timeout().toNanos();
      Exchange exchange = new Exchange(site, id, lease, deadlineNanos, attempt, searchingBody);
      request(exchange, RedirectRules.first(site), 0);
    } catch (RuntimeException e) {
      attempt.completeExceptionally(e);
    }
    return attempt.handle(
        (done, failure) -> {
          Duration took = Duration.ofNanos(System.nanoTime() - startNanos);
          if (failure != null) {
            Outcome outcome =
                failure instanceof TimeoutException
                    ? timedOut(site, searchingBody.get())
                    : FailureClassifier.classify(failure);
            return new Attempt(null, null, outcome, handshakeDaysLeft(site, startedAt));
          }
          return new Attempt(
              done.status,
              done.regexMatched,
              OutcomeRules.limits(site, done.outcome, took, done.tlsDaysLeft),
              done.tlsDaysLeft);
        });
  }

  /** A probe that ran out of time, in the middle of the body regex search or before. */
  private static Outcome timedOut(Site site, boolean searchingBody) {
    String timeout = Durations.format(site.schedule().timeout());
    return Outcome.down(
        Reason.TIMEOUT,
        searchingBody
            ? "the body regex did not finish within the " + timeout + " timeout"
            : "no answer within " + timeout);
  }

  /**
   * Days left on the certificate of the site's own connection in an attempt that got an answer, as
   * that connection's session holds it; null for plain HTTP.
   */
  private Integer connectionDaysLeft(Exchange exchange) {
    URI url = exchange.site().request().url();
    if (!isHttps(url)) {
      return null;
    }
    return exchange
        .lease()
        .tls()
        .notAfter(url.getHost(), port(url))
        .map(certificates::daysLeft)
        .orElse(null);
  }

  /**
   * Days left on the certificate a handshake of this attempt refused or did not finish with, as the
   * trust manager saw it; null for plain HTTP or when no handshake got that far.
   */
  private Integer handshakeDaysLeft(Site site, Instant attemptStart) {
    URI url = site.request().url();
    if (!isHttps(url)) {
      return null;
    }
    return certificates
        .seenSince(url.getHost(), port(url), attemptStart)
        .map(seen -> certificates.daysLeft(seen.notAfter()))
        .orElse(null);
  }

  private static boolean isHttps(URI url) {
    return "https".equalsIgnoreCase(url.getScheme());
  }

  private static int port(URI url) {
    return url.getPort() < 0 ? 443 : url.getPort();
  }

  /** Builds the client a site will use now, so its first probe does not pay for that. */
  public void prepare(Site site) {
    if ("https".equals(site.request().url().getScheme())) {
      clients.warmUp();
    }
  }

  private void request(Exchange exchange, RedirectRules.Hop hop, int redirects) {
    Site site = exchange.site();
    CompletableFuture<Attempt> attempt = exchange.attempt();
    if (attempt.isDone()) {
      return;
    }
    Invocation.Builder builder = exchange.lease().client().target(hop.url()).request();
    if (hop.siteHeaders()) {
      site.request()
          .headers()
          .forEach(
              (name, value) -> {
                // A body's entity carries its Content-Type, and a hop that dropped it has none.
                if (site.request().body().isEmpty()
                    || !name.equalsIgnoreCase(HttpHeaders.CONTENT_TYPE)) {
                  builder.header(name, value);
                }
              });
    }
    builder.header(CHECK_ID_HEADER, exchange.id().toString());
    // Each probe measures a connection of its own, and a client given back holds none open.
    builder.header("Connection", "close");
    InvocationCallback<Response> callback =
        new InvocationCallback<Response>() {
          @Override
          public void completed(Response response) {
            onResponse(exchange, hop, redirects, response);
          }

          @Override
          public void failed(Throwable failure) {
            attempt.completeExceptionally(failure);
          }
        };
    // A probe that times out is aborted by closing its client (see attempt).
    if (hop.withBody()) {
      builder.async().method(hop.method(), RequestBody.of(site), callback);
    } else {
      builder.async().method(hop.method(), callback);
    }
  }

  /**
   * Judges a response. It is not closed here but when the probe ends: closing a response reads the
   * rest of its body first, so a response is closed only once read to its end, and otherwise its
   * client is closed instead (see ProbeClients).
   */
  private void onResponse(
      Exchange exchange, RedirectRules.Hop hop, int redirects, Response response) {
    Site site = exchange.site();
    CompletableFuture<Attempt> attempt = exchange.attempt();
    ProbeClients.Lease lease = exchange.lease();
    lease.received(response);
    try {
      int status = response.getStatus();
      Optional<Outcome> oversized = ResponseLimits.headersTooLarge(response);
      if (oversized.isPresent()) {
        attempt.complete(answered(exchange, status, null, oversized.get()));
        return;
      }
      String location = response.getHeaderString(HttpHeaders.LOCATION);
      if (site.redirects().follow() && isRedirect(status) && location != null) {
        followRedirect(exchange, hop, redirects, response, location)
            .ifPresent(stop -> attempt.complete(answered(exchange, status, null, stop)));
        return;
      }
      Boolean regexMatched = null;
      if (site.expect().regex().isPresent()) {
        BoundedBody.Text body = readBody(response, site.expect().maxBodyBytes());
        exchange.searchingBody().set(true);
        regexMatched =
            BodySearch.find(
                site.expect().regex().get().compiled(), body.text(), exchange.deadlineNanos());
        exchange.searchingBody().set(false);
        if (body.ended()) {
          lease.readToTheEnd(response);
        }
      } else if (!response.hasEntity()) {
        lease.readToTheEnd(response);
      } else if (smallDeclaredBody(response, site.expect().maxBodyBytes())
          && BoundedBody.discard(
              response.readEntity(InputStream.class), site.expect().maxBodyBytes())) {
        lease.readToTheEnd(response);
      }
      attempt.complete(
          answered(exchange, status, regexMatched, OutcomeRules.judge(site, status, regexMatched)));
    } catch (BodySearch.DeadlinePassed e) {
      attempt.completeExceptionally(new TimeoutException());
    } catch (RuntimeException | java.io.IOException e) {
      attempt.completeExceptionally(e);
    }
  }

  /** An attempt that got an answer, before the site's limits are applied. */
  private Attempt answered(Exchange exchange, int status, Boolean regexMatched, Outcome outcome) {
    return new Attempt(status, regexMatched, outcome, connectionDaysLeft(exchange));
  }

  /** Makes the request a redirect leads to, or says why the probe ends at the redirect. */
  private Optional<Outcome> followRedirect(
      Exchange exchange, RedirectRules.Hop hop, int redirects, Response response, String location) {
    Site site = exchange.site();
    if (redirects >= site.redirects().max()) {
      return Optional.of(
          Outcome.down(
              Reason.TOO_MANY_REDIRECTS,
              "more than " + site.redirects().max() + " redirects, last to " + location));
    }
    URI to;
    try {
      to = Locations.resolve(hop.url(), location);
    } catch (URISyntaxException e) {
      return Optional.of(
          Outcome.down(Reason.ERROR, "redirect to an invalid Location: " + location));
    }
    Optional<Outcome> refusal = RedirectRules.refusal(site, hop, to);
    if (refusal.isEmpty()) {
      RedirectRules.Hop next = RedirectRules.next(site, hop, response.getStatus(), to);
      // Frees the client's connection for the next hop; a hostile redirect body is cut at the
      // deadline.
      response.close();
      request(exchange, next, redirects + 1);
    }
    return refusal;
  }

  /**
   * A body declared no longer than the cap is read even without a regex, within the deadline, so
   * that the client can serve the next probe. Any other is left unread and its connection aborted.
   */
  private static boolean smallDeclaredBody(Response response, int maxBytes) {
    int length = response.getLength();
    return length >= 0 && length <= maxBytes;
  }

  private static BoundedBody.Text readBody(Response response, int maxBytes)
      throws java.io.IOException {
    MediaType type = response.getMediaType();
    String charset = type == null ? null : type.getParameters().get(MediaType.CHARSET_PARAMETER);
    return BoundedBody.read(response.readEntity(InputStream.class), maxBytes, charset);
  }

  private static boolean isRedirect(int status) {
    return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
  }

  /**
   * One attempt, as its hops share it.
   *
   * @param deadlineNanos the {@link System#nanoTime()} of the attempt's timeout
   * @param searchingBody whether the deadline, should it pass now, finds the body regex search
   *     running
   */
  private record Exchange(
      Site site,
      UUID id,
      ProbeClients.Lease lease,
      long deadlineNanos,
      CompletableFuture<Attempt> attempt,
      AtomicBoolean searchingBody) {}

  /**
   * What one attempt showed.
   *
   * @param tlsDaysLeft days left on the certificate, or null when none was seen
   */
  private record Attempt(
      Integer status, Boolean regexMatched, Outcome outcome, Integer tlsDaysLeft) {}
}
