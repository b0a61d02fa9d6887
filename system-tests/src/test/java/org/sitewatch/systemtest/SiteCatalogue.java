package org.sitewatch.systemtest;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.sitewatch.common.catalog.SiteDefinition;
import org.sitewatch.common.catalog.SiteDefinitionCodec;

/** The site catalogue topic, as the tests read it. */
final class SiteCatalogue {

  private static final String TOPIC = "sitewatch.sites";

  /** How long the checker may take to publish a change of its sites. */
  private static final Duration CONVERGED = Duration.ofSeconds(90);

  private SiteCatalogue() {}

  /** The latest record of every key: a definition, or null for a tombstone. */
  static Map<String, SiteDefinition> latest() {
    Map<String, SiteDefinition> latest = new HashMap<>();
    for (ConsumerRecord<String, byte[]> record : Topics.readAll(TOPIC)) {
      latest.put(
          record.key(), record.value() == null ? null : SiteDefinitionCodec.decode(record.value()));
    }
    return latest;
  }

  /** The keys whose latest record is a definition. */
  static Set<String> live(Map<String, SiteDefinition> latest) {
    Set<String> live = new TreeSet<>();
    latest.forEach(
        (id, definition) -> {
          if (definition != null) {
            live.add(id);
          }
        });
    return live;
  }

  /**
   * The live keys the stack's checker wrote: the alert tests publish sites of their own, as another
   * checker would, all named {@link AlertFeed#SITE_PREFIX}.
   */
  static Set<String> checkersOwn(Map<String, SiteDefinition> latest) {
    Set<String> own = live(latest);
    own.removeIf(id -> id.startsWith(AlertFeed.SITE_PREFIX));
    return own;
  }

  /** Whether the key's latest record is a tombstone (not merely absent). */
  static boolean tombstoned(Map<String, SiteDefinition> latest, String id) {
    return latest.containsKey(id) && latest.get(id) == null;
  }

  /** Until the catalogue's latest records satisfy the condition (the topic may not exist yet). */
  static void awaitUntil(String alias, Predicate<Map<String, SiteDefinition>> condition) {
    await(alias).atMost(CONVERGED).ignoreExceptions().until(() -> condition.test(latest()));
  }
}
