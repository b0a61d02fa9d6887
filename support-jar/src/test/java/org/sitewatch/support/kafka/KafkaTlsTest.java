package org.sitewatch.support.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KafkaTlsTest {

  private static final String CERT =
      "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n";
  private static final String KEY =
      "-----BEGIN PRIVATE KEY-----\nSECRETKEYBODY\n-----END PRIVATE KEY-----\n";

  @TempDir Path dir;

  private KafkaTls tls(Map<String, String> settings) {
    return KafkaTls.from(settings::get);
  }

  private String file(String name, String content) throws IOException {
    return Files.writeString(dir.resolve(name), content).toString();
  }

  @Test
  void nothingSetMeansPlainKafka() {
    KafkaTls tls = tls(Map.of());
    assertFalse(tls.enabled());
    assertTrue(tls.clientProperties().isEmpty(), "no Kafka property without a TLS setting");
    assertTrue(tls.problem().isEmpty());
  }

  @Test
  void threeFilesGiveTruststoreLocationAndInlineKeystore() throws IOException {
    String ca = file("ca.pem", CERT);
    KafkaTls tls =
        tls(
            Map.of(
                KafkaTls.CA_FILE, ca,
                KafkaTls.CERT_FILE, file("client.pem", CERT),
                KafkaTls.KEY_FILE, file("client.key", KEY)));
    assertTrue(tls.problem().isEmpty(), () -> "unexpected " + tls.problem());
    Map<String, String> p = tls.clientProperties();
    assertEquals("SSL", p.get("security.protocol"));
    assertEquals("PEM", p.get("ssl.truststore.type"));
    assertEquals(ca, p.get("ssl.truststore.location"));
    assertEquals("PEM", p.get("ssl.keystore.type"));
    assertEquals(CERT, p.get("ssl.keystore.certificate.chain"));
    assertEquals(KEY, p.get("ssl.keystore.key"));
    assertTrue(tls.failureSettings().clientCertificate());
    assertFalse(tls.toString().contains("SECRETKEYBODY"), "toString must not show the key");
  }

  @Test
  void caAloneIsServerAuthenticationOnly() throws IOException {
    KafkaTls tls = tls(Map.of(KafkaTls.CA_FILE, file("ca.pem", CERT)));
    assertTrue(tls.problem().isEmpty());
    assertFalse(tls.clientProperties().containsKey("ssl.keystore.key"));
    assertFalse(tls.failureSettings().clientCertificate());
  }

  @Test
  void certificateWithoutKeyNamesTheMissingSetting() throws IOException {
    KafkaTls tls = tls(Map.of(KafkaTls.CERT_FILE, file("client.pem", CERT)));
    assertTrue(tls.problem().orElseThrow().contains(KafkaTls.KEY_FILE + " is not"));
    assertEquals("SSL", tls.clientProperties().get("security.protocol"), "never plaintext");
  }

  @Test
  void missingFileNamesItsSetting() {
    Map<String, String> settings = new HashMap<>();
    settings.put(KafkaTls.CA_FILE, dir.resolve("absent.pem").toString());
    String problem = tls(settings).problem().orElseThrow();
    assertTrue(problem.contains(KafkaTls.CA_FILE + "="), problem);
    assertTrue(problem.contains("cannot be read"), problem);
  }

  @Test
  void pkcs1KeyIsRejectedWithTheConversionAndWithoutItsContent() throws IOException {
    KafkaTls tls =
        tls(
            Map.of(
                KafkaTls.CERT_FILE,
                file("client.pem", CERT),
                KafkaTls.KEY_FILE,
                file(
                    "client.key",
                    "-----BEGIN RSA PRIVATE KEY-----\nSECRETKEYBODY\n-----END RSA PRIVATE KEY-----\n")));
    String problem = tls.problem().orElseThrow();
    assertTrue(problem.contains(KafkaTls.KEY_FILE) && problem.contains("openssl pkcs8"), problem);
    assertFalse(problem.contains("SECRETKEYBODY"), problem);
    assertFalse(tls.clientProperties().containsKey("ssl.keystore.key"));
  }

  @Test
  void configSourcePrefixesForEachConnector() throws IOException {
    KafkaTlsConfigSource source =
        new KafkaTlsConfigSource(tls(Map.of(KafkaTls.CA_FILE, file("ca.pem", CERT))));
    assertEquals("SSL", source.getValue("mp.messaging.connector.liberty-kafka.security.protocol"));
    assertEquals("SSL", source.getValue("mp.messaging.connector.smallrye-kafka.security.protocol"));
    assertEquals(
        6, source.getPropertyNames().size(), "protocol, truststore type and location, twice");
    assertEquals(250, source.getOrdinal());
  }
}
