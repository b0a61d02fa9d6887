package org.sitewatch.persister.store;

/** Storing a batch failed; the cause says why (usually a {@link java.sql.SQLException}). */
public class StoreException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  public StoreException(String message, Throwable cause) {
    super(message, cause);
  }
}
