package org.sitewatch.persister.notify;

/**
 * A message the channel did not take. Every such failure is retried until the retry period is over;
 * the message says why in words fit for the log and readiness, never with a secret in them.
 */
public class DeliveryException extends Exception {

  private static final long serialVersionUID = 1L;

  public DeliveryException(String message) {
    super(message);
  }
}
