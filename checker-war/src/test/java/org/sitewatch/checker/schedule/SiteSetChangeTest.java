package org.sitewatch.checker.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.sitewatch.checker.site.Site;
import org.sitewatch.checker.site.SitesFileParser;

class SiteSetChangeTest {

  private static List<Site> parse(String yaml) {
    return new SitesFileParser().parse(yaml, "sites.yaml");
  }

  private static Map<String, Site> byId(List<Site> sites) {
    Map<String, Site> map = new LinkedHashMap<>();
    sites.forEach(s -> map.put(s.id(), s));
    return map;
  }

  private static List<String> ids(List<Site> sites) {
    return sites.stream().map(Site::id).toList();
  }

  private static final String BEFORE =
      """
      sites:
        - {id: kept, url: "https://kept.example", interval: 30s}
        - {id: gone, url: "https://gone.example", interval: 30s}
        - {id: slower, url: "https://slower.example", interval: 30s}
        - {id: edited, url: "https://edited.example", interval: 30s}
      """;

  @Test
  void sortsEverySiteIntoWhatItsTimerNeeds() {
    SiteSetChange change =
        SiteSetChange.between(
            byId(parse(BEFORE)),
            parse(
                """
                sites:
                  - {id: kept, url: "https://kept.example", interval: 30s}
                  - {id: slower, url: "https://slower.example", interval: 60s}
                  - {id: edited, url: "https://edited.example/health", interval: 30s}
                  - {id: new, url: "https://new.example", interval: 30s}
                """));
    assertEquals(List.of("new"), ids(change.added()));
    assertEquals(List.of("gone"), ids(change.removed()));
    assertEquals(List.of("slower"), ids(change.rescheduled()));
    assertEquals(List.of("edited"), ids(change.updated()));
    assertEquals("1 added, 1 removed, 1 rescheduled, 1 updated", change.toString());
  }

  @Test
  void theSameFileChangesNothing() {
    assertTrue(SiteSetChange.between(byId(parse(BEFORE)), parse(BEFORE)).isEmpty());
  }

  @Test
  void anEditedRegexIsAnUpdate() {
    Map<String, Site> before =
        byId(parse("sites:\n  - {id: a, url: \"https://a.example\", expect: {regex: x}}\n"));
    SiteSetChange change =
        SiteSetChange.between(
            before, parse("sites:\n  - {id: a, url: \"https://a.example\", expect: {regex: y}}\n"));
    assertEquals(List.of("a"), ids(change.updated()));
  }
}
