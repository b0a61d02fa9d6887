package org.sitewatch.checker.schedule;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.sitewatch.checker.site.Site;

/**
 * What a new version of the sites file changes, by site id. Sites whose interval changed need a new
 * timer; any other edit is picked up by the running timer at its next tick, so the site keeps its
 * rhythm.
 */
record SiteSetChange(
    List<Site> added, List<Site> removed, List<Site> rescheduled, List<Site> updated) {

  static SiteSetChange between(Map<String, Site> current, List<Site> next) {
    Map<String, Site> byId = new LinkedHashMap<>();
    next.forEach(site -> byId.put(site.id(), site));
    List<Site> added = new ArrayList<>();
    List<Site> rescheduled = new ArrayList<>();
    List<Site> updated = new ArrayList<>();
    for (Site site : byId.values()) {
      Site old = current.get(site.id());
      if (old == null) {
        added.add(site);
      } else if (!old.schedule().interval().equals(site.schedule().interval())) {
        rescheduled.add(site);
      } else if (!old.equals(site)) {
        updated.add(site);
      }
    }
    List<Site> removed =
        current.values().stream().filter(site -> !byId.containsKey(site.id())).toList();
    return new SiteSetChange(
        List.copyOf(added), removed, List.copyOf(rescheduled), List.copyOf(updated));
  }

  boolean isEmpty() {
    return added.isEmpty() && removed.isEmpty() && rescheduled.isEmpty() && updated.isEmpty();
  }

  @Override
  public String toString() {
    return added.size()
        + " added, "
        + removed.size()
        + " removed, "
        + rescheduled.size()
        + " rescheduled, "
        + updated.size()
        + " updated";
  }
}
