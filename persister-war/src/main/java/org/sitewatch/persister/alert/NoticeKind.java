package org.sitewatch.persister.alert;

/** What a notification tells. */
public enum NoticeKind {
  /** An incident opened: the site crossed its failure threshold. */
  DOWN,
  /** The incident ended: the site crossed its success threshold. */
  RESOLVED,
  /** The incident is still open, {@code remindEvery} after it was last told. */
  REMINDER
}
