package org.sitewatch.persister.deadletter;

/** Why a record was set aside, in a word: the metrics tag, where the full reason would not fit. */
public enum DeadLetterCause {
  /** Its bytes are not a check result of any known schema version. */
  UNDECODABLE,
  /** A check result that breaks the persister's rules (too old, too far in the future, …). */
  INVALID,
  /** A check result the database refused by its content. */
  REJECTED;

  public String tag() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
