package org.sitewatch.persister.jdbc;

import jakarta.persistence.PersistenceException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import javax.sql.DataSource;

/** Plain JDBC reads for the API, whose database failures map as the JPA reads' do. */
public final class JdbcReads {

  /** Binds a statement's parameters. */
  public interface Parameters {
    void bind(PreparedStatement statement) throws SQLException;
  }

  /** Takes one row. */
  public interface RowReader {
    void read(ResultSet row) throws SQLException;
  }

  private JdbcReads() {}

  /**
   * Runs a query on a connection of its own; a database failure is a {@link PersistenceException}
   * whose message starts with {@code "Reading " + what}.
   */
  public static void read(
      DataSource dataSource, String what, String sql, Parameters parameters, RowReader reader) {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement statement = connection.prepareStatement(sql)) {
      parameters.bind(statement);
      try (ResultSet rows = statement.executeQuery()) {
        while (rows.next()) {
          reader.read(rows);
        }
      }
    } catch (SQLException e) {
      throw new PersistenceException("Reading " + what + " failed: " + e.getMessage(), e);
    }
  }
}
