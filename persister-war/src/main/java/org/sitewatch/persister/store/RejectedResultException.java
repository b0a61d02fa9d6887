package org.sitewatch.persister.store;

/**
 * The database refused a result itself (a data error, such as text holding a NUL), so storing it
 * again cannot succeed. The message says why.
 */
public class RejectedResultException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  public RejectedResultException(String message, Throwable cause) {
    super(message, cause);
  }
}
