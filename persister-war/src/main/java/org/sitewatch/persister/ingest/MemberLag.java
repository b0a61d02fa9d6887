package org.sitewatch.persister.ingest;

/**
 * One look at this server's consumer in its group: whether Kafka answered, whether the consumer is
 * a member, and how many records wait on the partitions assigned to it.
 *
 * @param measured whether Kafka answered; when false the rest says nothing
 * @param member whether the group lists this server's consumer
 * @param records records on its partitions past the group's committed offsets
 * @param error why it could not be measured, or null
 */
record MemberLag(boolean measured, boolean member, long records, String error) {

  static MemberLag of(long records) {
    return new MemberLag(true, true, records, null);
  }

  static MemberLag notMember() {
    return new MemberLag(true, false, 0, null);
  }

  static MemberLag unmeasured(String error) {
    return new MemberLag(false, false, 0, error);
  }
}
