package org.sitewatch.persister.ingest;

import java.util.List;
import java.util.Map;

/**
 * One look at this server's consumer in its group: whether Kafka answered, whether the consumer is
 * a member, how many records wait on the partitions assigned to it, and which of those have an
 * {@link OffsetGap}. While the group rebalances its assignment is in flux, so such a look is not
 * measured either, but is no reason for a warning.
 *
 * @param measured whether Kafka answered; when false the rest says nothing
 * @param member whether the group lists this server's consumer
 * @param records records on its partitions past the group's committed offsets
 * @param behind those records per partition number, for the partitions measured one by one
 * @param gaps its partitions whose committed offset is before their earliest record
 * @param error why it could not be measured, or null (measured, or the group was rebalancing)
 */
record MemberLag(
    boolean measured,
    boolean member,
    long records,
    Map<Integer, Long> behind,
    List<OffsetGap> gaps,
    String error) {

  static MemberLag of(long records) {
    return of(records, List.of());
  }

  static MemberLag of(long records, List<OffsetGap> gaps) {
    return new MemberLag(true, true, records, Map.of(), gaps, null);
  }

  static MemberLag of(Map<Integer, Long> behind, List<OffsetGap> gaps) {
    long records = behind.values().stream().mapToLong(Long::longValue).sum();
    return new MemberLag(true, true, records, Map.copyOf(behind), gaps, null);
  }

  static MemberLag notMember() {
    return new MemberLag(true, false, 0, Map.of(), List.of(), null);
  }

  static MemberLag duringRebalance() {
    return new MemberLag(false, true, 0, Map.of(), List.of(), null);
  }

  boolean rebalancing() {
    return !measured && error == null;
  }

  static MemberLag unmeasured(String error) {
    return new MemberLag(false, false, 0, Map.of(), List.of(), error);
  }
}
