package org.sitewatch.persister.history;

import jakarta.persistence.Cacheable;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.UUID;
import org.sitewatch.persister.uptime.DailyView;

/** A row of the site table, read-only here: the batch writer maintains it. */
@Entity
@Table(name = "site")
@Cacheable(false)
public class SiteRow {

  @Id
  @Column(name = "site_id")
  private String siteId;

  private String url;

  @Column(name = "last_result_id")
  private UUID lastResultId;

  @Column(name = "last_checked_at")
  private OffsetDateTime lastCheckedAt;

  @Column(name = "last_status")
  private String lastStatus;

  @Column(name = "last_reason")
  private String lastReason;

  @Column(name = "last_message")
  private String lastMessage;

  @Column(name = "last_http_status")
  private Short lastHttpStatus;

  @Column(name = "last_duration_us")
  private long lastDurationMicros;

  private String labels;

  @Column(name = "state_since")
  private OffsetDateTime stateSince;

  protected SiteRow() {}

  public String siteId() {
    return siteId;
  }

  String lastStatus() {
    return lastStatus;
  }

  /** {@code name} is the catalogue's, or the id when it does not name the site. */
  SiteView toView(String name, AlertView alert, Map<String, Double> uptime, DailyView daily) {
    return new SiteView(
        siteId,
        name,
        url,
        LabelsView.read(labels),
        lastStatus,
        stateSince.toInstant(),
        lastResultId,
        lastCheckedAt.toInstant(),
        lastStatus,
        lastReason,
        lastMessage,
        lastHttpStatus == null ? null : lastHttpStatus.intValue(),
        ResultView.millis(lastDurationMicros),
        alert,
        uptime,
        daily);
  }
}
