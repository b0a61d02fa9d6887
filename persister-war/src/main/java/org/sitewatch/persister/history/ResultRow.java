package org.sitewatch.persister.history;

import jakarta.persistence.Cacheable;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

/**
 * A row of check_result, read-only here: the batch writer inserts with SQL of its own. The table's
 * key is (id, started_at) for partitioning; the id alone is unique.
 */
@Entity
@Table(name = "check_result")
@Cacheable(false)
public class ResultRow {

  @Id private UUID id;

  @Column(name = "site_id")
  private String siteId;

  private String url;

  @Column(name = "started_at")
  private OffsetDateTime startedAt;

  @Column(name = "duration_us")
  private long durationMicros;

  @Column(name = "http_status")
  private Short httpStatus;

  @Column(name = "regex_matched")
  private Boolean regexMatched;

  private String status;

  private String reason;

  private String message;

  @Column(name = "stored_at")
  private OffsetDateTime storedAt;

  private short attempts;

  @Column(name = "tls_days_left")
  private Integer tlsDaysLeft;

  /** The jsonb column's text: a JSON object of strings. */
  private String labels;

  @Column(name = "scheduled_at")
  private OffsetDateTime scheduledAt;

  private boolean maintenance;

  private String checker;

  private String location;

  protected ResultRow() {}

  ResultView toView() {
    return new ResultView(
        id,
        siteId,
        url,
        startedAt.toInstant(),
        ResultView.millis(durationMicros),
        httpStatus == null ? null : httpStatus.intValue(),
        regexMatched,
        status,
        reason,
        message,
        storedAt.toInstant(),
        attempts,
        tlsDaysLeft,
        LabelsView.read(labels),
        scheduledAt == null ? null : scheduledAt.toInstant(),
        scheduledAt == null
            ? null
            : ResultView.millis(ChronoUnit.MICROS.between(scheduledAt, startedAt)),
        maintenance,
        checker,
        location);
  }
}
