package org.sitewatch.persister.jdbc;

import java.lang.reflect.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * A column a batch statement writes: its name, its PostgreSQL type and how a row's value is read. A
 * statement's columns are one list of these, from which both its SQL and its parameters come, so a
 * new field is one line.
 */
public record BatchColumn<T>(String name, String type, Class<?> javaType, Function<T, ?> value) {

  /** {@code a, b, c}: the columns' names. */
  public static String names(List<? extends BatchColumn<?>> columns) {
    return columns.stream().map(BatchColumn::name).collect(Collectors.joining(", "));
  }

  /** {@code unnest(?::uuid[], ?::text[], …)}: one array parameter per column, taken apart. */
  public static String unnest(List<? extends BatchColumn<?>> columns) {
    return columns.stream()
        .map(column -> "?::" + column.type() + "[]")
        .collect(Collectors.joining(", ", "unnest(", ")"));
  }

  /** Binds each column as one array of its values over {@code rows}, from parameter 1 on. */
  public static <T> void bind(
      PreparedStatement statement, List<BatchColumn<T>> columns, List<T> rows) throws SQLException {
    Connection connection = statement.getConnection();
    for (int i = 0; i < columns.size(); i++) {
      BatchColumn<T> column = columns.get(i);
      Object[] values = (Object[]) Array.newInstance(column.javaType(), rows.size());
      for (int row = 0; row < values.length; row++) {
        values[row] = column.value().apply(rows.get(row));
      }
      statement.setArray(i + 1, connection.createArrayOf(column.type(), values));
    }
  }
}
