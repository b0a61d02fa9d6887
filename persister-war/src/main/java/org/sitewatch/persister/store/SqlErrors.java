package org.sitewatch.persister.store;

import java.sql.SQLException;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;

/** Reads what went wrong from a failure that has a {@link SQLException} somewhere inside it. */
final class SqlErrors {

  private SqlErrors() {}

  /**
   * True when the database refused the data itself: SQLSTATE class 22 (data exception) or 23
   * (integrity constraint violation, which includes "no partition of relation found for row").
   * Everything else (connection lost, database down, privileges, lock and serialization failures)
   * may pass on a later attempt.
   */
  static boolean isDataError(Throwable failure) {
    SQLException sql = firstSqlException(failure);
    String state = sql == null ? null : sql.getSQLState();
    return state != null && (state.startsWith("22") || state.startsWith("23"));
  }

  /**
   * The database's own words where there are any. A failed JDBC batch says "Batch entry n ... was
   * aborted" and keeps the server's message in its next exception.
   */
  static String describe(Throwable failure) {
    SQLException sql = firstSqlException(failure);
    if (sql == null) {
      return failure.toString();
    }
    SQLException detail = sql.getNextException() != null ? sql.getNextException() : sql;
    return detail.getSQLState() == null
        ? detail.getMessage()
        : detail.getMessage() + " (SQLSTATE " + detail.getSQLState() + ")";
  }

  private static SQLException firstSqlException(Throwable failure) {
    Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
    for (Throwable t = failure; t != null && seen.add(t); t = t.getCause()) {
      if (t instanceof SQLException sql) {
        return sql;
      }
    }
    return null;
  }
}
