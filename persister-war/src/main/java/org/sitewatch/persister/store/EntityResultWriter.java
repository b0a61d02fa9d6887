package org.sitewatch.persister.store;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;
import org.sitewatch.common.CheckResult;
import org.sitewatch.persister.jdbc.BatchColumn;

/**
 * Inserts a batch's results as {@link ResultEntity} rows through EclipseLink's JDBC batch writing,
 * then adds the ones it inserted, only those, to their rollups; within the caller's transaction.
 */
@ApplicationScoped
class EntityResultWriter {

  /** The key of check_result: what finds a batch's rows again. */
  static final List<BatchColumn<CheckResult>> KEY_COLUMNS =
      PostgresResultStore.RESULT_COLUMNS.stream()
          .filter(column -> column.name().equals("id") || column.name().equals("started_at"))
          .toList();

  /**
   * A batched insert reports no row counts that tell a skipped result from an inserted one, so the
   * batch's rows are read back: a row this transaction inserted carries its transaction id as
   * {@code xmin}, one stored before (or by another persister that got there first) another. The
   * writer uses no savepoints, so no row of it carries a subtransaction's id.
   */
  static final String ADD_NEW_TO_ROLLUPS =
      """
      WITH inserted AS (
          SELECT id, site_id, started_at, duration_us, status, reason
          FROM check_result
          WHERE (%1$s) IN (SELECT * FROM %2$s) AND xmin = pg_current_xact_id()::xid),
      %3$s"""
          .formatted(
              BatchColumn.names(KEY_COLUMNS),
              BatchColumn.unnest(KEY_COLUMNS),
              PostgresResultStore.ADD_TO_ROLLUPS);

  @PersistenceContext(unitName = "sitewatch")
  EntityManager entityManager;

  /** The results the insert added: those not stored before. */
  List<CheckResult> insert(
      Connection connection, List<CheckResult> results, Predicate<CheckResult> inMaintenance)
      throws SQLException {
    Set<UUID> persisted = new HashSet<>();
    for (CheckResult result : results) {
      // A persistence context holds one entity per id; the array insert skips the repeat too.
      if (persisted.add(result.id())) {
        entityManager.persist(new ResultEntity(result, inMaintenance.test(result)));
      }
    }
    entityManager.flush();
    // Written and never changed: the commit need not look at them again.
    entityManager.clear();
    Set<UUID> added = new HashSet<>();
    try (PreparedStatement statement =
            PostgresResultStore.prepare(connection, ADD_NEW_TO_ROLLUPS, KEY_COLUMNS, results);
        ResultSet rows = statement.executeQuery()) {
      while (rows.next()) {
        added.add(rows.getObject(1, UUID.class));
      }
    }
    return results.stream().filter(result -> added.contains(result.id())).toList();
  }
}
