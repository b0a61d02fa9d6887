package org.sitewatch.persister.history;

/** A query parameter the API cannot use; the message says why. */
public class InvalidParameterException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final String parameter;

  public InvalidParameterException(String parameter, String message) {
    super(message);
    this.parameter = parameter;
  }

  /** The query parameter's name. */
  public String parameter() {
    return parameter;
  }
}
