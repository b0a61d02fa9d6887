package org.sitewatch.bench;

import java.time.Duration;
import java.time.Instant;
import java.util.SplittableRandom;
import org.sitewatch.common.CheckResult;
import org.sitewatch.common.Outcome;
import org.sitewatch.common.Reason;
import org.sitewatch.common.ResultIds;

/**
 * Results shaped like a checker's: a few thousand sites, mostly UP with a spread of response times,
 * the usual mix of DOWN reasons with the checker's kind of message, each result ending (start +
 * duration) at the probe end it is given.
 */
final class CheckerTraffic {

  private final SplittableRandom random;
  private final String[] siteIds;
  private final String[] urls;

  CheckerTraffic(long seed, int sites) {
    random = new SplittableRandom(seed);
    siteIds = new String[sites];
    urls = new String[sites];
    for (int i = 0; i < sites; i++) {
      siteIds[i] = String.format("site-%05d", i);
      urls[i] = "https://" + siteIds[i] + ".example.net/health";
    }
  }

  CheckResult next(Instant probeEnd) {
    int site = random.nextInt(siteIds.length);
    int roll = random.nextInt(100);
    Duration duration;
    Integer httpStatus = null;
    Boolean regexMatched = null;
    Outcome outcome;
    if (roll < 90) {
      duration = Duration.ofMillis(20 + random.nextInt(400));
      httpStatus = 200;
      regexMatched = roll < 30 ? Boolean.TRUE : null;
      outcome = Outcome.up();
    } else if (roll < 93) {
      duration = Duration.ofMillis(5 + random.nextInt(200));
      httpStatus = 503;
      outcome = Outcome.down(Reason.HTTP_STATUS, "HTTP 503, expected 200-399");
    } else if (roll < 95) {
      duration = Duration.ofSeconds(10);
      outcome = Outcome.down(Reason.TIMEOUT, "no answer within 10s");
    } else if (roll < 97) {
      duration = Duration.ofMillis(1 + random.nextInt(5));
      outcome = Outcome.down(Reason.CONNECTION_REFUSED, "Connection refused");
    } else if (roll < 98) {
      duration = Duration.ofMillis(2 + random.nextInt(50));
      outcome = Outcome.down(Reason.DNS, "unknown host " + siteIds[site] + ".example.net");
    } else if (roll < 99) {
      duration = Duration.ofMillis(10 + random.nextInt(100));
      outcome =
          Outcome.down(Reason.TLS, "PKIX path building failed: unable to find valid cert path");
    } else {
      duration = Duration.ofMillis(20 + random.nextInt(400));
      httpStatus = 200;
      regexMatched = Boolean.FALSE;
      outcome = Outcome.down(Reason.BODY_MISMATCH, "body does not contain \"OK\"");
    }
    duration = duration.plusNanos(random.nextInt(1_000_000));
    Instant startedAt = probeEnd.minus(duration);
    return new CheckResult(
        ResultIds.next(startedAt),
        siteIds[site],
        urls[site],
        startedAt,
        duration,
        httpStatus,
        regexMatched,
        outcome);
  }
}
