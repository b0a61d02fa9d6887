package org.sitewatch.persister.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.BatchUpdateException;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;
import org.sitewatch.persister.store.StoreException;

class SqlErrorsTest {

  private static RuntimeException wrapped(SQLException e) {
    return new IllegalStateException("rollback", new StoreException("storing failed", e));
  }

  @Test
  void dataAndConstraintErrorsAreTheData() {
    assertTrue(SqlErrors.isDataError(wrapped(new SQLException("value too long", "22001"))));
    assertTrue(SqlErrors.isDataError(wrapped(new SQLException("not-null violation", "23502"))));
  }

  @Test
  void aMissingPartitionIsNoReasonToSetAResultAside() {
    assertFalse(
        SqlErrors.isDataError(wrapped(new SQLException("no partition of relation", "23514"))));
  }

  @Test
  void aDuplicateIsABugNotBadData() {
    BatchUpdateException batch =
        new BatchUpdateException("Batch entry 0 INSERT ... was aborted", "23505", new int[0]);
    batch.setNextException(new SQLException("ERROR: duplicate key value", "23505"));

    assertFalse(SqlErrors.isDataError(wrapped(batch)));
    assertTrue(SqlErrors.isDuplicate(wrapped(batch)));
    assertFalse(SqlErrors.isDuplicate(wrapped(new SQLException("value too long", "22001"))));
  }

  @Test
  void outagesPrivilegesAndConflictsMayPassLater() {
    assertFalse(SqlErrors.isDataError(wrapped(new SQLException("connection refused", "08001"))));
    assertFalse(SqlErrors.isDataError(wrapped(new SQLException("permission denied", "42501"))));
    assertFalse(SqlErrors.isDataError(wrapped(new SQLException("deadlock detected", "40P01"))));
    assertFalse(SqlErrors.isDataError(wrapped(new SQLException("no state"))));
    assertFalse(SqlErrors.isDataError(new IllegalStateException("no SQL in here")));
  }

  @Test
  void describesABatchFailureByTheDatabasesOwnMessage() {
    BatchUpdateException batch =
        new BatchUpdateException("Batch entry 0 INSERT ... was aborted", "23514", new int[0]);
    batch.setNextException(new SQLException("ERROR: no partition of relation", "23514"));

    assertEquals(
        "ERROR: no partition of relation (SQLSTATE 23514)", SqlErrors.describe(wrapped(batch)));
  }

  @Test
  void describesAFailureWithoutSqlByItself() {
    assertEquals(
        "java.lang.IllegalStateException: boom",
        SqlErrors.describe(new IllegalStateException("boom")));
  }

  @Test
  void survivesACauseCycle() {
    IllegalStateException a = new IllegalStateException("a");
    IllegalStateException b = new IllegalStateException("b", a);
    a.initCause(b);

    assertFalse(SqlErrors.isDataError(a));
  }
}
