package org.sitewatch.persister.topic;

import java.util.Map;

/**
 * The topic settings that make {@code acks=all} mean something: with three or more replicas, a
 * write must reach two before it counts, so losing one broker loses no acknowledged result. With
 * fewer replicas that would stop every write while one is down, so the broker's default stays.
 */
final class TopicDurability {

  static final int REPLICAS_FOR_TWO_IN_SYNC = 3;

  private TopicDurability() {}

  static Map<String, String> configs(int replicationFactor) {
    return replicationFactor >= REPLICAS_FOR_TWO_IN_SYNC
        ? Map.of("min.insync.replicas", "2")
        : Map.of();
  }
}
