package org.sitewatch.persister.store;

import jakarta.persistence.Cacheable;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;
import java.util.UUID;
import org.eclipse.persistence.annotations.Customizer;
import org.sitewatch.common.CheckResult;
import org.sitewatch.persister.jdbc.LabelsJson;

/**
 * A check result as the entity writer inserts it: one field per column of {@link
 * PostgresResultStore#resultColumns}, with the same values. Every column is named as it is in the
 * customized insert: EclipseLink would upper-case a defaulted name, and its parameters match names
 * by case. Written only, never read back (the history API reads its own {@code ResultRow}); {@link
 * ResultInsertCustomizer} makes its insert skip a result stored before.
 */
@Entity
@Table(name = "check_result")
@Cacheable(false)
@Customizer(ResultInsertCustomizer.class)
public class ResultEntity {

  @Id
  @Column(name = "id")
  private UUID id;

  @Column(name = "site_id")
  private String siteId;

  @Column(name = "url")
  private String url;

  @Column(name = "started_at")
  private OffsetDateTime startedAt;

  @Column(name = "duration_us")
  private long durationMicros;

  @Column(name = "http_status")
  private Short httpStatus;

  @Column(name = "regex_matched")
  private Boolean regexMatched;

  @Column(name = "status")
  private String status;

  @Column(name = "reason")
  private String reason;

  @Column(name = "message")
  private String message;

  @Column(name = "attempts")
  private short attempts;

  @Column(name = "tls_days_left")
  private Integer tlsDaysLeft;

  /** The jsonb column's text; the customized insert casts it. */
  @Column(name = "labels")
  private String labels;

  @Column(name = "scheduled_at")
  private OffsetDateTime scheduledAt;

  @Column(name = "checker")
  private String checker;

  @Column(name = "location")
  private String location;

  @Column(name = "maintenance")
  private boolean maintenance;

  protected ResultEntity() {}

  ResultEntity(CheckResult result, boolean maintenance) {
    id = result.id();
    siteId = result.siteId();
    url = result.url();
    startedAt = PostgresResultStore.utc(result.startedAt());
    durationMicros = PostgresResultStore.micros(result.duration());
    httpStatus = PostgresResultStore.httpStatus(result);
    regexMatched = result.regexMatched();
    status = result.outcome().status().name();
    reason = PostgresResultStore.reason(result);
    message = result.outcome().message();
    attempts = (short) result.attempts();
    tlsDaysLeft = result.tlsDaysLeft();
    labels = LabelsJson.write(result.labels());
    scheduledAt = PostgresResultStore.utc(result.scheduledAt());
    checker = result.checker();
    location = result.location();
    this.maintenance = maintenance;
  }
}
