package org.sitewatch.persister.alert;

import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.sitewatch.common.Outcome.Status;

/**
 * A site's alert state (its {@code site_alert} row) while a batch is applied to it. A site without
 * a row starts UP, since its first result: a site that is DOWN from its first result opens an
 * incident at its threshold. {@code locations} holds each location's verdict and run, by name.
 */
final class SiteAlert {

  final String siteId;
  Status state;
  Instant since;
  Instant lastResultAt;
  UUID lastResultId;
  Incident incident;
  int reminders;
  Instant toldAt;
  final Map<String, LocationRun> locations = new TreeMap<>();

  SiteAlert(String siteId) {
    this.siteId = siteId;
    this.state = Status.UP;
  }
}
