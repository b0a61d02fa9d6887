package org.sitewatch.persister.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MemberLagTest {

  @Test
  void theRecordsWaitingAreThoseOfEveryAssignedPartition() {
    MemberLag lag = MemberLag.of(Map.of(0, 5L, 3, 0L, 4, 12L), List.of());
    assertEquals(17, lag.records(), "5 + 0 + 12 records wait");
    assertEquals(Map.of(0, 5L, 3, 0L, 4, 12L), lag.behind(), "each partition keeps its own count");
  }
}
