package org.sitewatch.common;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.UUID;

/**
 * Time-ordered ids for {@link CheckResult}: UUIDv7 (RFC 9562), a 48-bit Unix millisecond timestamp,
 * the version and variant bits, and 74 random bits.
 *
 * <p>Ids sort by their millisecond: bytewise (as PostgreSQL orders {@code uuid}) until the year
 * 10889, and by {@link UUID#compareTo}, which compares signed longs, until the year 6429. Ids of
 * the same millisecond are in random order.
 */
public final class ResultIds {

  private static final Instant END = Instant.ofEpochMilli(1L << 48);

  /**
   * SecureRandom rather than ThreadLocalRandom: the id is the persister's idempotency key, so a
   * collision silently drops a result. SecureRandom draws its seed from the operating system, which
   * keeps checker instances started together apart; ThreadLocalRandom seeds from the clock. At
   * about 1000 ids a second its cost (a microsecond or so under a lock) does not matter, and it is
   * thread-safe. The default instance reads /dev/urandom, so it never blocks.
   */
  private static final SecureRandom RANDOM = new SecureRandom();

  private ResultIds() {}

  /** A new id for a result created now. */
  public static UUID next() {
    return at(System.currentTimeMillis());
  }

  /**
   * A new id carrying {@code time}, truncated to the millisecond.
   *
   * @throws IllegalArgumentException if {@code time} is before 1970 or after the 48-bit millisecond
   *     range (year 10889)
   */
  public static UUID next(Instant time) {
    if (time.isBefore(Instant.EPOCH) || !time.isBefore(END)) {
      throw new IllegalArgumentException(time + " is outside the UUIDv7 time range");
    }
    return at(time.toEpochMilli());
  }

  private static UUID at(long millis) {
    byte[] random = new byte[10];
    RANDOM.nextBytes(random);
    long randA = (random[0] & 0x0fL) << 8 | (random[1] & 0xffL);
    long randB = 0;
    for (int i = 2; i < 10; i++) {
      randB = randB << 8 | (random[i] & 0xffL);
    }
    long msb = millis << 16 | 0x7000L | randA;
    long lsb = randB & 0x3fff_ffff_ffff_ffffL | 0x8000_0000_0000_0000L;
    return new UUID(msb, lsb);
  }
}
