package org.sitewatch.persister.catalog;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import org.sitewatch.common.catalog.SiteDefinition;
import org.sitewatch.persister.jdbc.LabelsJson;
import org.sitewatch.persister.store.StoreException;

/**
 * Keeps the catalogue's sites in {@code site_definition}, each as the checker last published it.
 */
@ApplicationScoped
public class PostgresSiteCatalog {

  /** clock_timestamp, not now(): the definitions' cache tells versions apart by it. */
  private static final String UPSERT =
      """
      INSERT INTO site_definition (site_id, name, url, labels, definition, updated_at)
      VALUES (?, ?, ?, ?::jsonb, ?, clock_timestamp())
      ON CONFLICT (site_id) DO UPDATE SET
          name = EXCLUDED.name, url = EXCLUDED.url, labels = EXCLUDED.labels,
          definition = EXCLUDED.definition, updated_at = EXCLUDED.updated_at, removed_at = NULL""";

  private static final String REMOVE =
      "UPDATE site_definition SET removed_at = clock_timestamp(), updated_at = clock_timestamp()"
          + " WHERE site_id = ? AND removed_at IS NULL";

  @PersistenceContext(unitName = "sitewatch")
  EntityManager entityManager;

  /** {@code encoded} is the record's value, kept as published. */
  @Transactional
  public void put(SiteDefinition site, byte[] encoded) {
    run(
        UPSERT,
        statement -> {
          statement.setString(1, site.id());
          statement.setString(2, site.name());
          statement.setString(3, site.url());
          statement.setString(4, LabelsJson.write(site.labels()));
          statement.setBytes(5, encoded);
        },
        "storing the definition of site " + site.id());
  }

  /** A tombstone: the site left the sites file. Its row stays, so its history keeps its name. */
  @Transactional
  public void remove(String siteId) {
    run(REMOVE, statement -> statement.setString(1, siteId), "removing site " + siteId);
  }

  private interface Binder {
    void bind(PreparedStatement statement) throws SQLException;
  }

  private void run(String sql, Binder binder, String what) {
    Connection connection = entityManager.unwrap(Connection.class);
    try (PreparedStatement statement = connection.prepareStatement(sql)) {
      binder.bind(statement);
      statement.executeUpdate();
    } catch (SQLException e) {
      throw new StoreException(what + " failed", e);
    }
  }
}
