package org.sitewatch.persister.history;

import jakarta.persistence.Cacheable;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;
import java.util.UUID;

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

  protected SiteRow() {}

  SiteView toView() {
    return new SiteView(
        siteId,
        url,
        lastResultId,
        lastCheckedAt.toInstant(),
        lastStatus,
        lastReason,
        lastMessage,
        lastHttpStatus == null ? null : lastHttpStatus.intValue(),
        ResultView.millis(lastDurationMicros));
  }
}
