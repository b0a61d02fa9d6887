package org.sitewatch.persister.notify;

/** Where a delivery goes: one adapter per technology (webhook, Slack, mail). */
public interface Channel {

  /**
   * Sends the delivery once.
   *
   * @throws DeliveryException when the channel did not take it (to be retried)
   */
  void send(Delivery delivery) throws DeliveryException;
}
