package org.sitewatch.support.kafka;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.sitewatch.support.tls.TlsFailures;

/**
 * Kafka over TLS with a client certificate, set up from the three PEM files that managed Kafka
 * services hand out: the CA certificate, the client certificate and its private key. Each is named
 * by a setting ({@value #CA_FILE}, {@value #CERT_FILE}, {@value #KEY_FILE}); none set means plain
 * Kafka, as before.
 *
 * <p>The Kafka client reads a PEM truststore from a file, but a PEM keystore only from one file
 * holding key and chain together, or from inline values. The certificate and key are therefore read
 * here and handed to Kafka inline ({@code ssl.keystore.certificate.chain}, {@code
 * ssl.keystore.key}, both of Kafka's password type, so Kafka never logs them), which spares the
 * operator from concatenating files and keeps no second copy of the key on disk.
 *
 * <p>Files are checked when the settings are read. What is wrong is reported as a {@link
 * #problem()} naming the setting to fix; the file contents never appear in it.
 */
public final class KafkaTls {

  public static final String CA_FILE = "SITEWATCH_KAFKA_SSL_CA_FILE";
  public static final String CERT_FILE = "SITEWATCH_KAFKA_SSL_CERT_FILE";
  public static final String KEY_FILE = "SITEWATCH_KAFKA_SSL_KEY_FILE";

  private static final String CERTIFICATE = "-----BEGIN CERTIFICATE-----";
  private static final String PKCS8_KEY = "-----BEGIN PRIVATE KEY-----";
  private static final String ENCRYPTED_KEY = "-----BEGIN ENCRYPTED PRIVATE KEY-----";

  private final boolean enabled;
  private final boolean clientCertificate;
  private final Map<String, String> clientProperties;
  private final Optional<String> problem;

  private KafkaTls(
      boolean enabled,
      boolean clientCertificate,
      Map<String, String> clientProperties,
      Optional<String> problem) {
    this.enabled = enabled;
    this.clientCertificate = clientCertificate;
    this.clientProperties = Collections.unmodifiableMap(clientProperties);
    this.problem = problem;
  }

  /**
   * From the environment variables, or the system properties of the same name in lower case with
   * dots ({@code sitewatch.kafka.ssl.ca.file}), which win as they do in MicroProfile Config.
   */
  public static KafkaTls fromEnvironment() {
    // Not through MicroProfile Config: KafkaTlsConfigSource reads these while the config is built,
    // and KafkaReachability reads them the same way so that both see the same settings.
    return from(
        name -> {
          String property = System.getProperty(name.toLowerCase(Locale.ROOT).replace('_', '.'));
          return property != null ? property : System.getenv(name);
        });
  }

  /** From {@code settings}, which answers a setting's name with its value or null. */
  static KafkaTls from(UnaryOperator<String> settings) {
    Optional<Path> ca = path(settings, CA_FILE);
    Optional<Path> cert = path(settings, CERT_FILE);
    Optional<Path> key = path(settings, KEY_FILE);
    if (ca.isEmpty() && cert.isEmpty() && key.isEmpty()) {
      return new KafkaTls(false, false, Map.of(), Optional.empty());
    }
    List<String> problems = new ArrayList<>();
    Map<String, String> props = new LinkedHashMap<>();
    // SSL even when a file is unusable: never fall back to plaintext towards a TLS cluster.
    props.put("security.protocol", "SSL");
    if (ca.isPresent()
        && readPem(ca.get(), CA_FILE, CERTIFICATE, "certificate", problems) != null) {
      props.put("ssl.truststore.type", "PEM");
      props.put("ssl.truststore.location", ca.get().toString());
    }
    if (cert.isPresent() != key.isPresent()) {
      problems.add(
          (cert.isPresent()
                  ? CERT_FILE + " is set but " + KEY_FILE
                  : KEY_FILE + " is set but " + CERT_FILE)
              + " is not: set both (client certificate authentication) or neither");
    } else if (cert.isPresent()) {
      String chain = readPem(cert.get(), CERT_FILE, CERTIFICATE, "certificate", problems);
      String privateKey = readKey(key.get(), problems);
      if (chain != null && privateKey != null) {
        props.put("ssl.keystore.type", "PEM");
        props.put("ssl.keystore.certificate.chain", chain);
        props.put("ssl.keystore.key", privateKey);
      }
    }
    Optional<String> problem =
        problems.isEmpty()
            ? Optional.empty()
            : Optional.of("Kafka TLS settings: " + String.join("; ", problems));
    return new KafkaTls(true, cert.isPresent() && key.isPresent(), props, problem);
  }

  /** Whether any of the three settings is set. */
  public boolean enabled() {
    return enabled;
  }

  /** Kafka client settings (without the connector prefix); empty when TLS is not set up. */
  public Map<String, String> clientProperties() {
    return clientProperties;
  }

  /** What is wrong with the settings, naming each setting to fix. */
  public Optional<String> problem() {
    return problem;
  }

  /** For {@link TlsFailures#explain}: the names an operator knows these settings by. */
  public TlsFailures.Settings failureSettings() {
    return new TlsFailures.Settings(
        "Kafka",
        "MP_MESSAGING_CONNECTOR_LIBERTY_KAFKA_BOOTSTRAP_SERVERS",
        CA_FILE,
        CERT_FILE,
        KEY_FILE,
        clientCertificate);
  }

  /** Never the values: they include the private key. */
  @Override
  public String toString() {
    return "KafkaTls[enabled="
        + enabled
        + ", clientCertificate="
        + clientCertificate
        + ", problem="
        + problem.orElse("none")
        + "]";
  }

  private static Optional<Path> path(UnaryOperator<String> settings, String name) {
    String value = settings.apply(name);
    return value == null || value.isBlank()
        ? Optional.empty()
        : Optional.of(Path.of(value.trim()).toAbsolutePath());
  }

  private static String readKey(Path file, List<String> problems) {
    String text = read(file, KEY_FILE, problems);
    if (text == null) {
      return null;
    }
    if (text.contains(PKCS8_KEY)) {
      return text;
    }
    if (text.contains(ENCRYPTED_KEY)) {
      problems.add(
          KEY_FILE
              + "="
              + file
              + " holds an encrypted key; give the decrypted key (openssl pkcs8 -in KEY -out"
              + " KEY.pem, file mode 0600)");
    } else if (text.contains("-----BEGIN RSA PRIVATE KEY-----")
        || text.contains("-----BEGIN EC PRIVATE KEY-----")) {
      problems.add(
          KEY_FILE
              + "="
              + file
              + " holds a PKCS#1/SEC1 key; Kafka reads PKCS#8 (convert: openssl pkcs8 -topk8"
              + " -nocrypt -in KEY -out KEY.pk8.pem)");
    } else {
      problems.add(KEY_FILE + "=" + file + " holds no PEM private key (" + PKCS8_KEY + ")");
    }
    return null;
  }

  private static String readPem(
      Path file, String setting, String marker, String what, List<String> problems) {
    String text = read(file, setting, problems);
    if (text != null && !text.contains(marker)) {
      problems.add(setting + "=" + file + " holds no PEM " + what + " (" + marker + ")");
      return null;
    }
    return text;
  }

  private static String read(Path file, String setting, List<String> problems) {
    try {
      return Files.readString(file, StandardCharsets.US_ASCII);
    } catch (IOException | RuntimeException e) {
      problems.add(setting + "=" + file + " cannot be read (" + e.getClass().getSimpleName() + ")");
      return null;
    }
  }
}
