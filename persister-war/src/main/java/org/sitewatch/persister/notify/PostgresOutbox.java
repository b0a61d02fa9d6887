package org.sitewatch.persister.notify;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * The outbox table through JDBC on the runtime role's datasource, one auto-committed statement per
 * call: a claim is committed before anything is sent, so two senders never hold the same row, and a
 * sender that dies leaves rows whose lease runs out.
 */
@ApplicationScoped
public class PostgresOutbox implements Outbox {

  /**
   * SKIP LOCKED lets concurrent senders pass each other's claims; the NOT EXISTS keeps a site's
   * later notification waiting while an earlier one is PENDING (claimed or retrying).
   */
  static final String CLAIM =
      """
      UPDATE notification AS n
      SET claimed_until = now() + make_interval(secs => ?),
          attempts = n.attempts + 1,
          first_attempt_at = coalesce(n.first_attempt_at, now())
      FROM (SELECT c.id FROM notification AS c
            WHERE c.status = 'PENDING' AND c.next_attempt_at <= now()
              AND (c.claimed_until IS NULL OR c.claimed_until < now())
              AND c.channel <> ALL (?)
              AND NOT EXISTS (
                  SELECT 1 FROM notification AS o
                  WHERE o.site_id = c.site_id AND o.channel = c.channel
                    AND o.status = 'PENDING' AND o.id < c.id)
            ORDER BY c.id
            LIMIT ?
            FOR UPDATE SKIP LOCKED) AS due
      WHERE n.id = due.id
      RETURNING n.id, n.idempotency_key, n.channel_spec::text, n.notice::text, n.attempts,
                n.first_attempt_at""";

  static final String SENT =
      """
      UPDATE notification SET status = 'SENT', finished_at = now(), claimed_until = NULL,
                              last_error = NULL
      WHERE id = ANY (?) AND status = 'PENDING'""";

  static final String RETRY =
      """
      UPDATE notification SET next_attempt_at = ?, claimed_until = NULL, last_error = ?
      WHERE id = ? AND status = 'PENDING'""";

  static final String FAILED =
      """
      UPDATE notification SET status = 'FAILED', finished_at = now(), claimed_until = NULL,
                              last_error = ?
      WHERE id = ANY (?) AND status = 'PENDING'""";

  static final String BACKLOG =
      """
      SELECT count(*),
             extract(epoch FROM now() - min(coalesce(first_attempt_at, next_attempt_at))
                 FILTER (WHERE next_attempt_at <= now() OR attempts > 0))
      FROM notification WHERE status = 'PENDING'""";

  @Resource(lookup = "jdbc/sitewatch")
  DataSource dataSource;

  @Override
  public List<Notification> claim(int limit, Collection<String> skipChannels, Duration lease) {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement claim = connection.prepareStatement(CLAIM)) {
      claim.setDouble(1, lease.toMillis() / 1000.0);
      claim.setArray(2, connection.createArrayOf("text", skipChannels.toArray()));
      claim.setInt(3, limit);
      List<Notification> claimed = new ArrayList<>();
      try (ResultSet rows = claim.executeQuery()) {
        while (rows.next()) {
          claimed.add(notification(rows));
        }
      }
      claimed.sort(Comparator.comparingLong(Notification::id));
      return claimed;
    } catch (SQLException e) {
      throw new IllegalStateException("claiming notifications failed: " + e.getMessage(), e);
    }
  }

  /** A row of {@link #CLAIM}'s RETURNING. */
  private static Notification notification(ResultSet row) throws SQLException {
    return new Notification(
        row.getLong(1),
        row.getString(2),
        OutboxJson.channel(row.getString(3)),
        OutboxJson.notice(row.getString(4)),
        row.getInt(5),
        row.getTimestamp(6).toInstant());
  }

  @Override
  public void sent(Collection<Long> ids) {
    update(SENT, ids, null);
  }

  @Override
  public void failed(Collection<Long> ids, String error) {
    update(FAILED, ids, error);
  }

  @Override
  public void retry(Map<Long, Instant> nextAttempts, String error) {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement retry = connection.prepareStatement(RETRY)) {
      for (Map.Entry<Long, Instant> next : nextAttempts.entrySet()) {
        retry.setTimestamp(1, Timestamp.from(next.getValue()));
        retry.setString(2, error);
        retry.setLong(3, next.getKey());
        retry.addBatch();
      }
      retry.executeBatch();
    } catch (SQLException e) {
      throw new IllegalStateException("scheduling retries failed: " + e.getMessage(), e);
    }
  }

  @Override
  public Backlog backlog() {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement backlog = connection.prepareStatement(BACKLOG);
        ResultSet row = backlog.executeQuery()) {
      row.next();
      double seconds = row.getDouble(2);
      Optional<Duration> oldest =
          row.wasNull()
              ? Optional.empty()
              : Optional.of(Duration.ofMillis((long) (Math.max(0, seconds) * 1000)));
      return new Backlog(row.getLong(1), oldest);
    } catch (SQLException e) {
      throw new IllegalStateException("reading the outbox backlog failed: " + e.getMessage(), e);
    }
  }

  /** An update of the rows {@code ids}; {@code error}, when given, is its first parameter. */
  private void update(String sql, Collection<Long> ids, String error) {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement update = connection.prepareStatement(sql)) {
      int next = 1;
      if (error != null) {
        update.setString(next++, error);
      }
      Array array = connection.createArrayOf("bigint", ids.toArray());
      update.setArray(next, array);
      update.executeUpdate();
    } catch (SQLException e) {
      throw new IllegalStateException("updating notifications failed: " + e.getMessage(), e);
    }
  }
}
