package org.sitewatch.systemtest;

import static org.awaitility.Awaitility.await;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

/**
 * GreenMail's SMTP server on 127.0.0.1 port {@code st.smtp.port}, where the stack's persister sends
 * alert mail (SITEWATCH_MAIL_HOST and _PORT, plain SMTP).
 */
final class SmtpReceiver implements AutoCloseable {

  private final GreenMail greenMail;

  private SmtpReceiver() {
    greenMail =
        new GreenMail(new ServerSetup(Integer.getInteger("st.smtp.port"), "127.0.0.1", "smtp"));
    greenMail.start();
  }

  static SmtpReceiver start() {
    return new SmtpReceiver();
  }

  /** Waits until a mail for {@code recipient} whose subject contains {@code subject} arrived. */
  List<MimeMessage> awaitMail(String recipient, String subject, Duration atMost) {
    await("a mail to " + recipient + " about " + subject)
        .atMost(atMost)
        .pollInterval(Duration.ofMillis(50))
        .until(() -> !mails(recipient, subject).isEmpty());
    return mails(recipient, subject);
  }

  List<MimeMessage> mails(String recipient, String subject) {
    return Arrays.stream(greenMail.getReceivedMessages())
        .filter(m -> sentTo(m, recipient) && subject(m).contains(subject))
        .toList();
  }

  private static boolean sentTo(MimeMessage message, String recipient) {
    try {
      return Arrays.stream(message.getAllRecipients())
          .anyMatch(a -> a.toString().equals(recipient));
    } catch (jakarta.mail.MessagingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String subject(MimeMessage message) {
    try {
      return String.valueOf(message.getSubject());
    } catch (jakarta.mail.MessagingException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() {
    greenMail.stop();
  }
}
