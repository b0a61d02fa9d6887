package org.sitewatch.systemtest;

import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.sitewatch.common.CheckResult;
import org.sitewatch.common.Outcome;
import org.sitewatch.common.Reason;
import org.sitewatch.common.ResultIds;
import org.sitewatch.common.catalog.AlertChannel;
import org.sitewatch.common.catalog.AlertPolicy;
import org.sitewatch.common.catalog.MaintenanceWindow;
import org.sitewatch.common.catalog.SiteDefinition;
import org.sitewatch.common.catalog.SiteDefinitionCodec;
import org.sitewatch.common.serde.CheckResultCodec;

/**
 * What the alert tests send as the checker would (site definitions to the catalogue, results to the
 * results topic) and what they read back of the persister's decisions.
 */
final class AlertFeed {

  static final String CATALOGUE = "sitewatch.sites";

  /** The start of every site id the alert tests publish, so the catalogue tests can tell them. */
  static final String SITE_PREFIX = "alert-";

  private AlertFeed() {}

  /** A webhook channel to {@code url}, unsigned. */
  static AlertChannel webhook(String name, URI url) {
    return new AlertChannel(
        name,
        AlertChannel.Type.WEBHOOK,
        Optional.of(url.toString()),
        Optional.empty(),
        Optional.empty(),
        List.of());
  }

  /** Publishes the site's definition and waits until the persister has stored it. */
  static void define(String site, AlertPolicy policy, List<MaintenanceWindow> windows)
      throws Exception {
    Topics.send(
        new ProducerRecord<>(
            CATALOGUE, site, SiteDefinitionCodec.encode(definition(site, policy, windows))));
    await("the catalogue names " + site)
        .atMost(Duration.ofSeconds(30))
        .until(() -> !rows("SELECT 1 FROM site_definition WHERE site_id = ?", site).isEmpty());
  }

  /**
   * Publishes {@code count} sites named {@code prefix0000}, {@code prefix0001}, … with {@code
   * policy} and waits until the persister has stored them all; returns their ids.
   */
  static List<String> defineAll(
      KafkaProducer<String, byte[]> producer, String prefix, int count, AlertPolicy policy) {
    List<String> sites = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      String site = String.format("%s%04d", prefix, i);
      sites.add(site);
      producer.send(
          new ProducerRecord<>(
              CATALOGUE, site, SiteDefinitionCodec.encode(definition(site, policy, List.of()))));
    }
    producer.flush();
    await("the catalogue names all " + count)
        .atMost(Duration.ofSeconds(60))
        .until(
            () ->
                count("SELECT count(*) AS n FROM site_definition WHERE site_id LIKE ?", prefix)
                    == count);
    return sites;
  }

  /** The {@code n} of {@code sql}, a count whose one parameter is a site id pattern. */
  static long count(String sql, String prefix) {
    return (Long) rows(sql, prefix + "%").get(0).get("n");
  }

  static SiteDefinition definition(
      String site, AlertPolicy policy, List<MaintenanceWindow> windows) {
    return new SiteDefinition(
        site,
        "Shop " + site,
        "https://" + site + ".example/",
        Map.of("team", "it"),
        Duration.ofSeconds(30),
        policy,
        windows);
  }

  static CheckResult result(String site, Instant startedAt, boolean up) {
    return new CheckResult(
        ResultIds.next(startedAt),
        site,
        "https://" + site + ".example/",
        startedAt,
        Duration.ofMillis(40),
        up ? 200 : null,
        null,
        up ? Outcome.up() : Outcome.down(Reason.TIMEOUT, "no answer within 10 s"),
        1,
        null,
        Map.of(),
        startedAt);
  }

  static ProducerRecord<String, byte[]> record(CheckResult result) {
    return new ProducerRecord<>(Topics.RESULTS, result.siteId(), CheckResultCodec.encode(result));
  }

  static void send(CheckResult result) throws Exception {
    Topics.send(record(result));
  }

  static void awaitStored(String site, int results) {
    await(results + " results of " + site + " stored")
        .atMost(Duration.ofSeconds(30))
        .until(() -> StoredResults.rowCount(site) == results);
  }

  /** The rows of {@code sql}, whose one parameter is {@code site}, as column label to value. */
  static List<Map<String, Object>> rows(String sql, String site) {
    try (Connection db = Stack.database();
        PreparedStatement statement = db.prepareStatement(sql)) {
      statement.setString(1, site);
      List<Map<String, Object>> rows = new ArrayList<>();
      try (ResultSet row = statement.executeQuery()) {
        while (row.next()) {
          Map<String, Object> values = new LinkedHashMap<>();
          for (int i = 1; i <= row.getMetaData().getColumnCount(); i++) {
            values.put(row.getMetaData().getColumnLabel(i), row.getObject(i));
          }
          rows.add(values);
        }
      }
      return rows;
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }
}
