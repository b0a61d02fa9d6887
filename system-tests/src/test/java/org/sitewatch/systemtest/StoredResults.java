package org.sitewatch.systemtest;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** What the stack's database holds in check_result, read with the owner role. */
final class StoredResults {

  private StoredResults() {}

  static int rowCount(String siteId) throws SQLException {
    return rowCount(siteId, "");
  }

  /** Rows of the site that also meet {@code andWhere} (SQL starting with {@code " and"}). */
  static int rowCount(String siteId, String andWhere) throws SQLException {
    try (Connection db = Stack.database();
        PreparedStatement query =
            db.prepareStatement("select count(*) from check_result where site_id = ?" + andWhere)) {
      query.setString(1, siteId);
      try (ResultSet rs = query.executeQuery()) {
        rs.next();
        return rs.getInt(1);
      }
    }
  }

  static Set<String> ids(String... siteIds) throws SQLException {
    return idsWhere("", siteIds);
  }

  /** Ids of the results that got an HTTP answer. */
  static Set<String> answeredIds(String... siteIds) throws SQLException {
    return idsWhere(" and http_status is not null", siteIds);
  }

  private static Set<String> idsWhere(String andWhere, String... siteIds) throws SQLException {
    try (Connection db = Stack.database();
        PreparedStatement query =
            db.prepareStatement(
                "select id::text from check_result where site_id = any (?)" + andWhere)) {
      query.setArray(1, db.createArrayOf("text", siteIds));
      Set<String> ids = new HashSet<>();
      try (ResultSet rs = query.executeQuery()) {
        while (rs.next()) {
          ids.add(rs.getString(1));
        }
      }
      return ids;
    }
  }

  /** Result ids stored more than once, over the whole table. */
  static List<String> duplicateIds() throws SQLException {
    try (Connection db = Stack.database();
        PreparedStatement query =
            db.prepareStatement(
                "select id::text from check_result group by id having count(*) > 1");
        ResultSet rs = query.executeQuery()) {
      List<String> ids = new ArrayList<>();
      while (rs.next()) {
        ids.add(rs.getString(1));
      }
      return ids;
    }
  }
}
