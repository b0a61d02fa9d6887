package org.sitewatch.persister.notify;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The {@code X-Sitewatch-Signature} header's value: {@code sha256=} and the hex HMAC-SHA256 of the
 * exact body bytes under the channel's secret (UTF-8), as GitHub signs its webhooks.
 */
final class WebhookSignature {

  static final String HEADER = "X-Sitewatch-Signature";

  private WebhookSignature() {}

  static String of(String secret, byte[] body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      return "sha256=" + HexFormat.of().formatHex(mac.doFinal(body));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("every JVM has HmacSHA256", e);
    }
  }
}
