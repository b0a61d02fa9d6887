package org.sitewatch.persister.history;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class SitesQueryTest {

  @Test
  void aPageOfTheDefaultSizeFromTheFirstSite() {
    assertEquals(new SitesQuery(100, Optional.empty()), SitesQuery.parse(null, null));
  }

  @Test
  void pagesOnAfterASiteId() {
    assertEquals(new SitesQuery(2, Optional.of("shop")), SitesQuery.parse("2", "shop"));
  }

  @Test
  void refusesALimitOutOfRange() {
    assertThrows(InvalidParameterException.class, () -> SitesQuery.parse("1001", null));
    assertThrows(InvalidParameterException.class, () -> SitesQuery.parse("0", null));
  }
}
