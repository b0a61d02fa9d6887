package org.sitewatch.persister.ingest;

/** A decoded result that breaks a rule of the store; the message says which. */
public class InvalidResultException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  public InvalidResultException(String message) {
    super(message);
  }
}
