package org.sitewatch.persister.store;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.sitewatch.common.CheckResult;
import org.sitewatch.common.Outcome;

class LatestPerSiteTest {

  private static final Instant T = Instant.parse("2026-03-01T12:00:00Z");

  private static CheckResult result(String siteId, Instant startedAt, UUID id) {
    return new CheckResult(
        id,
        siteId,
        "https://" + siteId + ".example",
        startedAt,
        Duration.ofMillis(12),
        200,
        null,
        Outcome.up());
  }

  @Test
  void keepsTheNewestResultOfEachSiteInSiteIdOrder() {
    CheckResult bOld = result("b", T, UUID.randomUUID());
    CheckResult bNew = result("b", T.plusSeconds(30), UUID.randomUUID());
    CheckResult a = result("a", T, UUID.randomUUID());

    assertEquals(List.of(a, bNew), LatestPerSite.of(List.of(bNew, a, bOld)));
    assertEquals(List.of(a, bNew), LatestPerSite.of(List.of(bOld, bNew, a)), "order-independent");
  }

  @Test
  void breaksATieInStartTimeByIdInPostgresqlOrder() {
    // PostgreSQL compares uuids byte by byte (unsigned); UUID.compareTo compares signed longs and
    // would call the 0xff... id the smaller one.
    CheckResult low = result("a", T, UUID.fromString("7fffffff-ffff-7fff-bfff-ffffffffffff"));
    CheckResult high = result("a", T, UUID.fromString("ffffffff-0000-7000-8000-000000000000"));

    assertEquals(List.of(high), LatestPerSite.of(List.of(high, low)));
    assertEquals(List.of(high), LatestPerSite.of(List.of(low, high)));
  }

  @Test
  void anEmptyBatchHasNoSites() {
    assertEquals(List.of(), LatestPerSite.of(List.of()));
  }
}
