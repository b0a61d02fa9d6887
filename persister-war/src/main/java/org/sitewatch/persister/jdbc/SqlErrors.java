package org.sitewatch.persister.jdbc;

import java.sql.SQLException;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;

/** Reads what went wrong from a failure that has a {@link SQLException} somewhere inside it. */
public final class SqlErrors {

  private SqlErrors() {}

  /** unique_violation: the results insert skips a known id, so a conflict means that broke. */
  private static final String UNIQUE_VIOLATION = "23505";

  /**
   * check_violation, which also says "no partition of relation found for row". Every CHECK in the
   * schema repeats a rule a decoded result already passed, so this means a missing partition (or a
   * schema that disagrees with the rules): fixed on the database, not by setting the result aside.
   */
  private static final String CHECK_VIOLATION = "23514";

  /**
   * True when the database refused the data itself: SQLSTATE class 22 (data exception) or 23
   * (integrity constraint violation) but for the two above. Everything else (connection lost,
   * database down, privileges, lock and serialization failures, a missing partition) may pass on a
   * later attempt.
   */
  public static boolean isDataError(Throwable failure) {
    String state = sqlState(failure);
    return state != null
        && (state.startsWith("22") || state.startsWith("23"))
        && !state.equals(UNIQUE_VIOLATION)
        && !state.equals(CHECK_VIOLATION);
  }

  /** True when a result was refused as a duplicate: idempotent storage is broken, a bug. */
  public static boolean isDuplicate(Throwable failure) {
    return UNIQUE_VIOLATION.equals(sqlState(failure));
  }

  private static String sqlState(Throwable failure) {
    SQLException sql = firstSqlException(failure);
    if (sql == null) {
      return null;
    }
    SQLException detail = sql.getNextException() != null ? sql.getNextException() : sql;
    return detail.getSQLState() != null ? detail.getSQLState() : sql.getSQLState();
  }

  /**
   * The database's own words where there are any. A failed JDBC batch says "Batch entry n ... was
   * aborted" and keeps the server's message in its next exception.
   */
  public static String describe(Throwable failure) {
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
