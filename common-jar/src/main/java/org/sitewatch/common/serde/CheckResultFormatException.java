package org.sitewatch.common.serde;

/**
 * A payload that is not a readable {@link org.sitewatch.common.CheckResult}: not single-object
 * encoded, of a schema version this reader does not know, truncated or corrupt, or holding values a
 * CheckResult rejects. The message says which; the cause, if any, is what Avro or the CheckResult
 * constructor threw.
 */
public class CheckResultFormatException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  public CheckResultFormatException(String message) {
    super(message);
  }

  public CheckResultFormatException(String message, Throwable cause) {
    super(message, cause);
  }
}
