package org.sitewatch.persister.notify;

/** What a notification tells: a site went DOWN, is back (RESOLVED), or is still down (REMINDER). */
public enum NotificationKind {
  DOWN,
  RESOLVED,
  REMINDER
}
