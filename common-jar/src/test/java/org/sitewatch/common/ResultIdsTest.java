package org.sitewatch.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ResultIdsTest {

  @Test
  void isVersion7WithTheRfcVariant() {
    UUID id = ResultIds.next();

    assertEquals(7, id.version(), "version of " + id);
    assertEquals(2, id.variant(), "variant (RFC 9562) of " + id);
  }

  @Test
  void carriesTheGivenMillisecondInTheTop48Bits() {
    Instant time = Instant.parse("2025-03-04T05:06:07.123456Z");

    UUID id = ResultIds.next(time);

    assertEquals(time.toEpochMilli(), id.getMostSignificantBits() >>> 16);
    assertTrue(id.toString().startsWith("01955f8c-0693-7"), "hex timestamp prefix of " + id);
  }

  @Test
  void carriesTheCurrentTime() {
    long before = System.currentTimeMillis();
    UUID id = ResultIds.next();
    long after = System.currentTimeMillis();

    long millis = id.getMostSignificantBits() >>> 16;
    assertTrue(before <= millis && millis <= after, millis + " within " + before + ".." + after);
  }

  @Test
  void sortsByTimeAsUuidAndAsText() {
    Instant start = Instant.parse("2024-01-01T00:00:00Z");
    List<UUID> ids = new ArrayList<>();
    for (long millis : new long[] {0, 1, 2, 1000, 86_400_000L, 10L * 365 * 86_400_000L}) {
      ids.add(ResultIds.next(start.plusMillis(millis)));
    }

    for (int i = 1; i < ids.size(); i++) {
      UUID earlier = ids.get(i - 1);
      UUID later = ids.get(i);
      assertTrue(earlier.compareTo(later) < 0, earlier + " before " + later + " as UUID");
      assertTrue(
          earlier.toString().compareTo(later.toString()) < 0,
          earlier + " before " + later + " as text, the bytewise order of PostgreSQL");
    }
  }

  @Test
  void hundredThousandIdsOfOneMillisecondAreDistinct() {
    Instant time = Instant.parse("2025-06-01T12:00:00Z");
    Set<UUID> ids = new HashSet<>();
    for (int i = 0; i < 100_000; i++) {
      ids.add(ResultIds.next(time));
    }

    assertEquals(100_000, ids.size(), "distinct ids");
  }

  @Test
  void idsFromConcurrentThreadsAreDistinct() throws Exception {
    int threads = 4;
    int perThread = 25_000;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<List<UUID>>> batches = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        batches.add(
            pool.submit(
                () -> {
                  List<UUID> batch = new ArrayList<>(perThread);
                  for (int i = 0; i < perThread; i++) {
                    batch.add(ResultIds.next());
                  }
                  return batch;
                }));
      }
      Set<UUID> ids = new HashSet<>();
      for (Future<List<UUID>> batch : batches) {
        ids.addAll(batch.get(30, TimeUnit.SECONDS));
      }

      assertEquals(threads * perThread, ids.size(), "distinct ids across threads");
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void rejectsTimesOutside48BitMillis() {
    assertThrows(
        IllegalArgumentException.class,
        () -> ResultIds.next(Instant.parse("1969-12-31T23:59:59Z")));
    assertThrows(
        IllegalArgumentException.class, () -> ResultIds.next(Instant.ofEpochMilli(1L << 48)));
    assertEquals(
        (1L << 48) - 1,
        ResultIds.next(Instant.ofEpochMilli((1L << 48) - 1)).getMostSignificantBits() >>> 16,
        "last representable millisecond");
  }
}
