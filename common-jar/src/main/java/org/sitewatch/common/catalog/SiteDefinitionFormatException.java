package org.sitewatch.common.catalog;

/**
 * A payload that is not a readable {@link SiteDefinition}: not single-object encoded, of a schema
 * version this reader does not know, truncated or corrupt, or holding values the records reject.
 * The message says which; the cause, if any, is what Avro or a record's constructor threw.
 */
public class SiteDefinitionFormatException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  /**
   * @param cause what Avro or a record's constructor threw; null when the framing alone is wrong
   */
  public SiteDefinitionFormatException(String message, Throwable cause) {
    super(message, cause);
  }
}
