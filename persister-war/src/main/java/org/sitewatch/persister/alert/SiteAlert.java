package org.sitewatch.persister.alert;

import java.time.Instant;
import java.util.UUID;
import org.sitewatch.common.Outcome.Status;
import org.sitewatch.common.Reason;

/**
 * A site's alert state (its {@code site_alert} row) while a batch is applied to it. A site without
 * a row starts UP, since its first result: a site that is DOWN from its first result opens an
 * incident at its threshold.
 */
final class SiteAlert {

  final String siteId;
  Status state;
  Instant since;
  int consecutive;
  Instant runStartedAt;
  Reason runReason;
  String runMessage;
  Instant lastResultAt;
  UUID lastResultId;
  Incident incident;
  int reminders;
  Instant toldAt;

  SiteAlert(String siteId) {
    this.siteId = siteId;
    this.state = Status.UP;
  }
}
