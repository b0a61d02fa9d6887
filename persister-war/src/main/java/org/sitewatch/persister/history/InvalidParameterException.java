package org.sitewatch.persister.history;

/** A query parameter the API cannot use; the message says which and why. */
public class InvalidParameterException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  public InvalidParameterException(String message) {
    super(message);
  }
}
