package org.sitewatch.persister.notify;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.PasswordAuthentication;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.nio.charset.StandardCharsets;
import java.util.Date;
import javax.naming.InitialContext;
import javax.naming.NamingException;
import org.sitewatch.common.catalog.AlertChannel;

/**
 * Plain-text mail through Jakarta Mail, with the server's mail session {@code mail/sitewatch}
 * (liberty-config's {@code sitewatch/mail.xml}: host, port, TLS, login and sender).
 */
@ApplicationScoped
public class SmtpMailChannel implements Channel {

  static final String SESSION = "mail/sitewatch";

  @Inject AlertSettings settings;

  @Override
  public void send(Delivery delivery) throws DeliveryException {
    AlertChannel channel = delivery.channel();
    if (channel.to().isEmpty()) {
      throw new DeliveryException("channel " + channel.name() + " names no recipients");
    }
    Session session = session();
    MailText text = MailText.of(delivery, settings.links());
    try {
      MimeMessage message = new MimeMessage(session);
      message.setFrom();
      message.setRecipients(MimeMessage.RecipientType.TO, recipients(channel));
      message.setSubject(text.subject(), StandardCharsets.UTF_8.name());
      message.setText(text.body(), StandardCharsets.UTF_8.name());
      message.setSentDate(new Date());
      message.setHeader("X-Sitewatch-Idempotency-Key", delivery.idempotencyKey());
      send(session, message);
    } catch (MessagingException e) {
      throw new DeliveryException(
          "mail to " + String.join(", ", channel.to()) + " failed: " + describe(e));
    }
  }

  /**
   * Logs in only when the session names a user: SMTP AUTH is asked for with the user and the
   * password the server's mail session holds.
   */
  private static void send(Session session, MimeMessage message) throws MessagingException {
    try (Transport transport = session.getTransport()) {
      String user = session.getProperty("mail.user");
      if (user == null || user.isBlank()) {
        transport.connect();
      } else {
        PasswordAuthentication login =
            session.requestPasswordAuthentication(null, -1, null, null, user);
        transport.connect(user, login == null ? null : login.getPassword());
      }
      transport.sendMessage(message, message.getAllRecipients());
    }
  }

  private static Session session() throws DeliveryException {
    try {
      return InitialContext.doLookup(SESSION);
    } catch (NamingException e) {
      throw new DeliveryException(
          "no mail session "
              + SESSION
              + " on this server: include sitewatch/mail.xml in its server.xml");
    }
  }

  private static Address[] recipients(AlertChannel channel) throws AddressException {
    return InternetAddress.parse(String.join(",", channel.to()), true);
  }

  private static String describe(MessagingException e) {
    Throwable cause = e.getNextException() != null ? e.getNextException() : e.getCause();
    String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    return cause == null || cause == e ? message : message + ": " + cause.getMessage();
  }
}
