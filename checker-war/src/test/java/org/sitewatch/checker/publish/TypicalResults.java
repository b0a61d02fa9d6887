package org.sitewatch.checker.publish;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.sitewatch.common.CheckResult;
import org.sitewatch.common.Outcome;
import org.sitewatch.common.ResultIds;

/** Results shaped like most of those a checker produces: UP, a short URL, two labels. */
final class TypicalResults {

  private TypicalResults() {}

  static CheckResult next() {
    Instant startedAt = Instant.now();
    return new CheckResult(
        ResultIds.next(),
        "shop-example-com",
        "https://shop.example.com/health",
        startedAt,
        Duration.ofMillis(85),
        200,
        true,
        Outcome.up(),
        1,
        74,
        Map.of("team", "payments", "env", "production"),
        startedAt.minusMillis(3));
  }
}
