package org.sitewatch.checker.group;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.stream.IntStream;
import org.apache.kafka.clients.producer.internals.BuiltInPartitioner;
import org.junit.jupiter.api.Test;

class OwnershipTest {

  private static final int PARTITIONS = 60;

  @Test
  void aSiteBelongsToThePartitionKafkaGivesARecordKeyedByItsId() {
    for (int i = 0; i < 1000; i++) {
      String site = "site-" + i;
      assertEquals(
          BuiltInPartitioner.partitionForKey(site.getBytes(StandardCharsets.UTF_8), PARTITIONS),
          SitePartitions.of(site, PARTITIONS),
          site);
    }
  }

  @Test
  void noCheckerOwnsASiteBeforeTheGroupAssigns() {
    assertFalse(Ownership.NONE.joined());
    assertFalse(Ownership.NONE.owns("site-1"));
  }

  @Test
  void checkersSplittingThePartitionsOwnEverySiteExactlyOnce() {
    Ownership first = Ownership.NONE.next(range(0, 20), PARTITIONS, 3);
    Ownership second = Ownership.NONE.next(range(20, 40), PARTITIONS, 3);
    Ownership third = Ownership.NONE.next(range(40, 60), PARTITIONS, 3);
    int[] owned = new int[3];
    for (int i = 0; i < 3000; i++) {
      String site = "site-" + i;
      int owners = 0;
      Ownership[] checkers = {first, second, third};
      for (int c = 0; c < 3; c++) {
        if (checkers[c].owns(site)) {
          owners++;
          owned[c]++;
        }
      }
      assertEquals(1, owners, site + " owned by " + owners + " checkers");
    }
    for (int count : owned) {
      assertTrue(count > 850 && count < 1150, "a third of 3000 sites expected, got " + count);
    }
  }

  @Test
  void eachChangeHasAHigherVersion() {
    Ownership joined = Ownership.NONE.next(range(0, 60), PARTITIONS, 1);
    Ownership shrunk = joined.next(range(0, 30), PARTITIONS, 1);

    assertTrue(joined.joined());
    assertTrue(shrunk.version() > joined.version());
    assertTrue(joined.version() > Ownership.NONE.version());
  }

  private static Set<Integer> range(int from, int to) {
    return Set.copyOf(IntStream.range(from, to).boxed().toList());
  }
}
