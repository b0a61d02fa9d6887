package org.sitewatch.persister.alert;

import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.sitewatch.common.catalog.SiteDefinition;
import org.sitewatch.common.catalog.SiteDefinitionCodec;
import org.sitewatch.common.catalog.SiteDefinitionFormatException;

/**
 * The catalogue's definitions of a batch's sites, read in the ingest transaction. Each is decoded
 * once per version (its {@code updated_at}): a batch reads every site it holds.
 */
@ApplicationScoped
public class SiteDefinitions {

  private static final Logger LOG = Logger.getLogger(SiteDefinitions.class.getName());

  private static final String LOAD =
      "SELECT site_id, updated_at, definition FROM site_definition"
          + " WHERE site_id = ANY(?) AND removed_at IS NULL";

  private record Decoded(Instant updatedAt, SiteDefinition definition) {}

  private final Map<String, Decoded> decoded = new ConcurrentHashMap<>();

  /** The definitions of the sites the catalogue names and has not removed. */
  Map<String, SiteDefinition> of(Connection connection, List<String> siteIds) throws SQLException {
    Map<String, SiteDefinition> definitions = new HashMap<>();
    try (PreparedStatement statement = connection.prepareStatement(LOAD)) {
      statement.setArray(1, connection.createArrayOf("text", siteIds.toArray()));
      try (ResultSet rows = statement.executeQuery()) {
        while (rows.next()) {
          String siteId = rows.getString(1);
          Instant updatedAt = rows.getObject(2, OffsetDateTime.class).toInstant();
          Decoded known = decoded.get(siteId);
          if (known == null || !known.updatedAt().equals(updatedAt)) {
            known = decode(siteId, updatedAt, rows.getBytes(3));
          }
          if (known != null) {
            definitions.put(siteId, known.definition());
          }
        }
      }
    }
    return definitions;
  }

  /** The catalogue consumer stores only what decodes, so a failure here is a bug: say so, go on. */
  private Decoded decode(String siteId, Instant updatedAt, byte[] bytes) {
    try {
      Decoded fresh = new Decoded(updatedAt, SiteDefinitionCodec.decode(bytes));
      decoded.put(siteId, fresh);
      return fresh;
    } catch (SiteDefinitionFormatException e) {
      LOG.log(
          Level.SEVERE,
          "BUG: the stored definition of site {0} does not decode; its alerts use the defaults: {1}",
          new Object[] {siteId, e.getMessage()});
      return null;
    }
  }
}
