package org.sitewatch.infra;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.Map;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A throwaway certificate authority for TLS on loopback, made fresh at every start: a CA, a server
 * certificate for {@code localhost} and {@code 127.0.0.1} (also fit for client use, as the Kafka
 * broker talks to itself over its TLS listener), a client certificate, and a second, unrelated CA
 * that signed none of them (for tests of a wrong CA). ECDSA P-256 keys: fast to make, and read by
 * the JDK, Kafka, PostgreSQL and pgjdbc alike.
 *
 * <p>Files in the directory, in the forms managed services hand out: {@code ca.pem}, {@code
 * other-ca.pem}, {@code server.pem} (chain: server, CA), {@code server.key}, {@code client.pem}
 * (chain: client, CA), {@code client.key} (PEM, PKCS#8) and {@code client.pk8} (the same key as
 * PKCS#8 DER, the form pgjdbc reads). Keys have mode 0600.
 */
public record LoopbackPki(
    Path dir,
    Path caCert,
    Path otherCaCert,
    Path serverCert,
    Path serverKey,
    Path clientCert,
    Path clientKey,
    Path clientKeyDer) {

  private static final Duration VALIDITY = Duration.ofDays(2);
  private static final SecureRandom RANDOM = new SecureRandom();

  /** Where the files of a PKI in {@code dir} are, whether made yet or not. */
  public static LoopbackPki in(Path dir) {
    Path d = dir.toAbsolutePath().normalize();
    return new LoopbackPki(
        d,
        d.resolve("ca.pem"),
        d.resolve("other-ca.pem"),
        d.resolve("server.pem"),
        d.resolve("server.key"),
        d.resolve("client.pem"),
        d.resolve("client.key"),
        d.resolve("client.pk8"));
  }

  /** Makes new keys and certificates in {@code dir} (created if missing), replacing old ones. */
  public static LoopbackPki create(Path dir) throws IOException {
    LoopbackPki pki = in(dir);
    Files.createDirectories(pki.dir());
    try {
      KeyPair caKeys = newKeyPair();
      X509Certificate ca = caCertificate("CN=Sitewatch test CA", caKeys);
      KeyPair otherKeys = newKeyPair();
      X509Certificate other = caCertificate("CN=Unrelated test CA", otherKeys);
      KeyPair serverKeys = newKeyPair();
      X509Certificate server =
          leaf(
              "CN=localhost",
              serverKeys,
              ca,
              caKeys.getPrivate(),
              new KeyPurposeId[] {KeyPurposeId.id_kp_serverAuth, KeyPurposeId.id_kp_clientAuth},
              true);
      KeyPair clientKeys = newKeyPair();
      X509Certificate client =
          leaf(
              "CN=sitewatch-client",
              clientKeys,
              ca,
              caKeys.getPrivate(),
              new KeyPurposeId[] {KeyPurposeId.id_kp_clientAuth},
              false);
      write(pki.caCert(), pem("CERTIFICATE", ca.getEncoded()));
      write(pki.otherCaCert(), pem("CERTIFICATE", other.getEncoded()));
      write(
          pki.serverCert(),
          pem("CERTIFICATE", server.getEncoded()) + pem("CERTIFICATE", ca.getEncoded()));
      writePrivate(
          pki.serverKey(), pemKey(serverKeys.getPrivate()).getBytes(StandardCharsets.US_ASCII));
      write(
          pki.clientCert(),
          pem("CERTIFICATE", client.getEncoded()) + pem("CERTIFICATE", ca.getEncoded()));
      writePrivate(
          pki.clientKey(), pemKey(clientKeys.getPrivate()).getBytes(StandardCharsets.US_ASCII));
      writePrivate(pki.clientKeyDer(), clientKeys.getPrivate().getEncoded());
    } catch (GeneralSecurityException | OperatorCreationException e) {
      throw new IOException("Cannot make the test certificates in " + pki.dir(), e);
    }
    return pki;
  }

  /**
   * What a Kafka client needs to reach a broker of this PKI: the CA and the client certificate,
   * inline.
   */
  public Map<String, Object> kafkaClientProperties() throws IOException {
    Map<String, Object> p = new LinkedHashMap<>();
    p.put("security.protocol", "SSL");
    p.put("ssl.truststore.type", "PEM");
    p.put("ssl.truststore.certificates", Files.readString(caCert));
    p.put("ssl.keystore.type", "PEM");
    p.put("ssl.keystore.certificate.chain", Files.readString(clientCert));
    p.put("ssl.keystore.key", Files.readString(clientKey));
    return p;
  }

  private static KeyPair newKeyPair() throws GeneralSecurityException {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
    generator.initialize(new ECGenParameterSpec("secp256r1"), RANDOM);
    return generator.generateKeyPair();
  }

  private static X509Certificate caCertificate(String subject, KeyPair keys)
      throws GeneralSecurityException, OperatorCreationException, CertIOException {
    X500Name name = new X500Name(subject);
    X509v3CertificateBuilder builder = builder(name, name, keys);
    builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
    builder.addExtension(
        Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
    return sign(builder, keys.getPrivate());
  }

  private static X509Certificate leaf(
      String subject,
      KeyPair keys,
      X509Certificate issuer,
      PrivateKey issuerKey,
      KeyPurposeId[] purposes,
      boolean loopbackNames)
      throws GeneralSecurityException, OperatorCreationException, CertIOException {
    X509v3CertificateBuilder builder =
        builder(
            X500Name.getInstance(issuer.getSubjectX500Principal().getEncoded()),
            new X500Name(subject),
            keys);
    builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
    builder.addExtension(
        Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyAgreement));
    builder.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(purposes));
    builder.addExtension(
        Extension.authorityKeyIdentifier,
        false,
        new JcaX509ExtensionUtils().createAuthorityKeyIdentifier(issuer));
    if (loopbackNames) {
      builder.addExtension(
          Extension.subjectAlternativeName,
          false,
          new GeneralNames(
              new GeneralName[] {
                new GeneralName(GeneralName.dNSName, "localhost"),
                new GeneralName(GeneralName.iPAddress, Ports.LOOPBACK)
              }));
    }
    return sign(builder, issuerKey);
  }

  private static X509v3CertificateBuilder builder(X500Name issuer, X500Name subject, KeyPair keys)
      throws GeneralSecurityException, CertIOException {
    Instant now = Instant.now();
    X509v3CertificateBuilder builder =
        new JcaX509v3CertificateBuilder(
            issuer,
            new BigInteger(64, RANDOM).abs().add(BigInteger.ONE),
            Date.from(now.minus(Duration.ofMinutes(5))),
            Date.from(now.plus(VALIDITY)),
            subject,
            keys.getPublic());
    builder.addExtension(
        Extension.subjectKeyIdentifier,
        false,
        new JcaX509ExtensionUtils().createSubjectKeyIdentifier(keys.getPublic()));
    return builder;
  }

  private static X509Certificate sign(X509v3CertificateBuilder builder, PrivateKey key)
      throws GeneralSecurityException, OperatorCreationException {
    return new JcaX509CertificateConverter()
        .getCertificate(builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(key)));
  }

  private static String pem(String type, byte[] der) {
    String body =
        Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der);
    return "-----BEGIN " + type + "-----\n" + body + "\n-----END " + type + "-----\n";
  }

  /** PKCS#8, unencrypted: what the JDK gives for {@code getEncoded()} of a private key. */
  private static String pemKey(PrivateKey key) {
    return pem("PRIVATE KEY", key.getEncoded());
  }

  private static void write(Path file, String text) throws IOException {
    Files.writeString(file, text, StandardCharsets.US_ASCII);
  }

  /** Mode 0600 before any key byte is written: PostgreSQL refuses a key others can read. */
  private static void writePrivate(Path file, byte[] content) throws IOException {
    Files.deleteIfExists(file);
    Files.createFile(
        file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    Files.write(file, content);
  }
}
