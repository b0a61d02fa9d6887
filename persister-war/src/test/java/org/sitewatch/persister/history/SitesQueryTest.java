package org.sitewatch.persister.history;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.sitewatch.persister.history.SitesQuery.SiteCursor;
import org.sitewatch.persister.history.SitesQuery.SiteOrder;

class SitesQueryTest {

  private static SitesQuery parse(String limit, String sort, String cursor, String after) {
    return SitesQuery.parse(limit, sort, cursor, after, null, null, null, null);
  }

  @Test
  void aPageOfTheDefaultSizeFromTheFirstSite() {
    assertEquals(
        new SitesQuery(
            100, SiteOrder.ID, Optional.empty(), Optional.empty(), Map.of(), Optional.empty(), 0),
        parse(null, null, null, null));
  }

  @Test
  void pagesOnAfterASiteId() {
    assertEquals(
        Optional.of(new SiteCursor(null, "shop")), parse("2", null, null, "shop").cursor());
  }

  @Test
  void aCursorComesBackAsTheKeyItWasMadeOf() {
    SiteCursor byState = new SiteCursor("DOWN", "shop\nfront");
    assertEquals(Optional.of(byState), parse(null, "state", byState.encode(), null).cursor());
    SiteCursor byId = new SiteCursor(null, "shop");
    assertEquals(Optional.of(byId), parse(null, "id", byId.encode(), null).cursor());
  }

  @Test
  void readsTheFilters() {
    SitesQuery query =
        SitesQuery.parse(
            null, null, null, null, "down", List.of("env:prod", "team:a:b"), "  shop ", "90");
    assertEquals(Optional.of("DOWN"), query.state());
    assertEquals(Map.of("env", "prod", "team", "a:b"), query.labels());
    assertEquals(Optional.of("shop"), query.text());
    assertEquals(90, query.days());
  }

  @Test
  void namesTheParameterItRefuses() {
    assertEquals("limit", refused(() -> parse("1001", null, null, null)));
    assertEquals("limit", refused(() -> parse("0", null, null, null)));
    assertEquals("sort", refused(() -> parse(null, "name", null, null)));
    assertEquals("cursor", refused(() -> parse(null, "state", "!!", null)));
    assertEquals(
        "state",
        refused(() -> SitesQuery.parse(null, null, null, null, "sideways", null, null, null)));
    assertEquals(
        "label",
        refused(() -> SitesQuery.parse(null, null, null, null, null, List.of("env"), null, null)));
    assertEquals(
        "days", refused(() -> SitesQuery.parse(null, null, null, null, null, null, null, "91")));
  }

  private static String refused(Runnable parse) {
    return assertThrows(InvalidParameterException.class, parse::run).parameter();
  }
}
