package org.sitewatch.common.catalog;

import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * A site as the checker publishes it to the site catalogue (a compacted Kafka topic keyed by site
 * id, with a tombstone when the site leaves the sites file): what the persister needs to name the
 * site and to decide and send its alerts. It never carries a secret: channels name the variables
 * that hold theirs.
 *
 * @param id the site's id, also the record key
 * @param name its human-readable name
 * @param url the URL probed
 * @param labels its labels, sorted by key
 * @param interval the time between its probes
 * @param alerts when and where its state changes are notified
 * @param maintenance the windows in which its notifications are held back
 */
public record SiteDefinition(
    String id,
    String name,
    String url,
    Map<String, String> labels,
    Duration interval,
    AlertPolicy alerts,
    List<MaintenanceWindow> maintenance) {

  public SiteDefinition {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(url, "url");
    Objects.requireNonNull(interval, "interval");
    Objects.requireNonNull(alerts, "alerts");
    labels = Collections.unmodifiableMap(new TreeMap<>(labels));
    maintenance = List.copyOf(maintenance);
  }
}
